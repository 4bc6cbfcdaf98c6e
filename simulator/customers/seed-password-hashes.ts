/**
 * The test users' password hashes, worked out once (hashPassword, a random salt each) and kept here:
 * their passwords are public (README, the start-up banner), so a stored salt protects nothing a
 * fresh one would, and seeding a bank — every test's, every namespace's pristine copy — then runs
 * no scrypt. Twelve scrypt runs at start-up cost CPU, and their 16 MB blocks stayed in the malloc
 * arenas of the threads that ran them: ~60 MB of the bank's RSS (docs/benchmarks.md). A logging-in
 * customer's password is still checked by scrypt, as any other. test/simulator/pure-logic.test.ts
 * checks each hash against its user's password.
 */
export const SEED_PASSWORD_HASHES: Readonly<Record<string, string>> = {
  '1000000001': 'scrypt$16384$8$1$Uq9rm9vdrEx1CT6qDkVbzA$XXheqs_8-RtakkIY-5RMZTTfOj6wIHp1JgBazFswdgY',
  '1000000002': 'scrypt$16384$8$1$sX9rl93HezTcu0andBJlQw$zdNCp5RgWg8TWnz8LZVs_d9lpf_N6ODhDraG-KOtjBs',
  '1000000003': 'scrypt$16384$8$1$SPd3D41Dcp5P8RA2cSEj2A$V9ibyVXtNhSB3w0FocgMlYHGBwOu8EGVS85fKy7ZKxI',
  CORP0001: 'scrypt$16384$8$1$q7E3J2rzktPfFPh_sdCx6A$wrxk0yUMdePRyfc8fK9qMkkp7Mv1_Fi_NRcm5b1MKbw',
  CORP0002: 'scrypt$16384$8$1$SRRvhp7A-2Os7GzyPHno9g$jupo26iQax4ayqL6PxhLsa-S6dsd93gdBgL1h8F-v0I',
  CORP9000: 'scrypt$16384$8$1$qS3G1bm27fJ1Ga2c0fpzig$f06PhSo812LE2oxziSA1VPHpEj3B7ntVZV-rTtFqKBc',
  '1000000004': 'scrypt$16384$8$1$u6gMh6Q8yhbKQTaD9JKyRQ$26PIrE943uxcOa_G1kmcMJhm9r1PrqozZ3rcsOw2rLw',
  CORP0003: 'scrypt$16384$8$1$OkKYCTkZFzRIue-rUOZnQw$RWAWFmSHe5UkSzX6mJmIhRDqlwbJXA51wUlSZkQpdzI',
  SYNC503: 'scrypt$16384$8$1$rHb0UapKPyokIaFxa1mI4A$DRsh-quJyqDmimmO_Ifw9O9d-YBClh-2B_1MJWot7TA',
  EXPIRES1DAY: 'scrypt$16384$8$1$4sutakkm6IM-JgcoDEzFNA$6djqaZ07-2qCI4Cmtq6UZlVPnHyN7EYMOfHtQ0yF39g',
  OTPAGAIN: 'scrypt$16384$8$1$8VI4LwVFmOwk8HH9O2JLvw$pdgTTbXtA1Od51BvtosKcPjtqHqgUCdKXGAwHiPxPN4',
};
