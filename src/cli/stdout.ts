/**
 * Output piped into a reader that stops early (`| head`) closes stdout: end quietly then, as
 * command-line tools do, instead of crashing on EPIPE.
 */
export function exitQuietlyWhenOutputCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
