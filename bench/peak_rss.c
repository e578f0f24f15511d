/* peak_rss: run a command and print its exit code and peak resident set size.
 *
 *   peak_rss COMMAND [ARGS...]   ->  stdout: "exit=CODE maxrss_kib=KIB\n"
 *
 * bench/run compiles this into a temporary directory and runs every peak-RSS measurement
 * through it. Why not read ru_maxrss straight from Python's os.wait4? Linux charges the
 * memory a process had *before* exec to that process's peak: a child that Python forks or
 * vforks starts with the Python interpreter's ~10-14 MiB, so even /bin/true would report
 * that much. This helper is small (~1 MiB); the grandchild it forks starts from that, which
 * is the same floor GNU time has. The command's stdin, stdout and stderr go to /dev/null.
 * CODE is the exit status, or 128+N when the command was killed by signal N; 127 when it
 * could not be started.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: peak_rss COMMAND [ARGS...]\n");
    return 2;
  }
  int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devnull < 0) {
    perror("peak_rss: /dev/null");
    return 2;
  }
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) {
    perror("peak_rss: fork");
    return 2;
  }
  if (pid == 0) {
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execvp(argv[1], argv + 1);
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      perror("peak_rss: wait4");
      return 2;
    }
  }
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : 255;
  printf("exit=%d maxrss_kib=%ld\n", code, (long)usage.ru_maxrss);
  return 0;
}
