/** Samples this process's resident memory every 10 ms until stopped. */
export function sampleRss() {
  const startRss = process.memoryUsage.rss();
  let peakRss = startRss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 10);
  return {
    stop() {
      clearInterval(timer);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      return { startRssMb: startRss / 2 ** 20, peakRssMb: peakRss / 2 ** 20 };
    },
  };
}
