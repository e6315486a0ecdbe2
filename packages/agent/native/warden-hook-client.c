/*
 * warden-hook-client: the managed hook's native fast-path client.
 *
 * Codex starts `warden hook` on every tool call. When `warden hook serve` runs for this user, the
 * decision is made there, warm; what is left for the process Codex starts is to hand the event
 * over and print the answer. A node process spends ~27 ms starting before it can do that; this
 * client does it in well under a millisecond. It speaks the protocol of
 * packages/agent/src/hook/fast-path.ts, exactly as the node client (hook-client.ts) does, and it
 * decides nothing itself.
 *
 * Usage (bin/warden does this): warden-hook-client FALLBACK_SCRIPT [hook options...]
 *
 * Whenever the fast path cannot answer (no daemon, a directory that is not private, an option it
 * does not know, stdin that is large, not UTF-8 or slow to close, no answer within 500 ms, a
 * "fallback" answer), it runs `node FALLBACK_SCRIPT [hook options...]` in its place with
 * WARDEN_HOOK_STANDALONE=1 and the same stdin: the bytes it already read, then the rest. The
 * standalone hook is always correct, so nothing here can make a call pass that policy denies.
 *
 * Plain POSIX (Linux, macOS); no allocation in a loop that is not bounded by the input.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Keep in step with fast-path.ts and hook-options.ts (test/cli/hook-native-client.test.ts checks). */
#define FAST_PATH_VERSION 2
#define FAST_PATH_WAIT_MS 500
#define DEFAULT_SPOOL_DIR "/var/lib/warden/spool"
#define DEFAULT_DEADLINE_MS 2000
#define MAX_STDIN_BYTES (8L * 1024 * 1024)
#define AUTOSTART_RETRY_SECONDS 30
#define AUTOSTART_IDLE_EXIT_SECONDS "1800"
#ifdef __linux__
#define ATOMIC_PIPE_WRITE 4096
#else
#define ATOMIC_PIPE_WRITE 512
#endif
static const char *const FORWARDED_ENV[] = {"WARDEN_HOOK_POLICY", "WARDEN_SPOOL_DIR", "HOME", "USER", "LOGNAME"};

/* A growable byte buffer. */
struct buf {
  char *data;
  size_t len, cap;
};

static int buf_reserve(struct buf *b, size_t more) {
  if (b->len + more <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more) cap *= 2;
  char *data = realloc(b->data, cap);
  if (data == NULL) return -1;
  b->data = data;
  b->cap = cap;
  return 0;
}

static int buf_add(struct buf *b, const char *bytes, size_t n) {
  if (buf_reserve(b, n) != 0) return -1;
  memcpy(b->data + b->len, bytes, n);
  b->len += n;
  return 0;
}

static int buf_str(struct buf *b, const char *s) { return buf_add(b, s, strlen(s)); }

static int buf_printf(struct buf *b, const char *format, ...) {
  char text[64];
  va_list args;
  va_start(args, format);
  int n = vsnprintf(text, sizeof text, format, args);
  va_end(args);
  return n < 0 || (size_t)n >= sizeof text ? -1 : buf_add(b, text, (size_t)n);
}

/* Whether `s[0..n)` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
static int is_utf8(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    size_t extra;
    unsigned long min, cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3, min = 0x10000, cp = c & 0x07;
    } else {
      return 0;
    }
    if (n - i <= extra) return 0;
    for (size_t k = 1; k <= extra; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    i += extra + 1;
  }
  return 1;
}

/* Appends `s[0..n)` as a JSON string; the caller has checked it is UTF-8. */
static int buf_json_string(struct buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  if (buf_reserve(b, n + 2) != 0 || buf_add(b, "\"", 1) != 0) return -1;
  size_t plain = 0; /* start of the run of bytes copied as they are */
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    if (buf_add(b, s + plain, i - plain) != 0) return -1;
    plain = i + 1;
    char escape[7] = {'\\', 0};
    size_t len = 2;
    switch (c) {
      case '"': escape[1] = '"'; break;
      case '\\': escape[1] = '\\'; break;
      case '\n': escape[1] = 'n'; break;
      case '\r': escape[1] = 'r'; break;
      case '\t': escape[1] = 't'; break;
      case '\b': escape[1] = 'b'; break;
      case '\f': escape[1] = 'f'; break;
      default:
        memcpy(escape + 1, "u00", 3);
        escape[4] = hex[c >> 4];
        escape[5] = hex[c & 15];
        len = 6;
    }
    if (buf_add(b, escape, len) != 0) return -1;
  }
  return buf_add(b, s + plain, n - plain) != 0 || buf_add(b, "\"", 1) != 0 ? -1 : 0;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void sleep_us(long us) {
  struct timespec t = {us / 1000000, (us % 1000000) * 1000};
  while (nanosleep(&t, &t) != 0 && errno == EINTR) {
  }
}

static int write_all(int fd, const char *data, size_t n) {
  while (n > 0) {
    ssize_t written = write(fd, data, n);
    if (written < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    data += written;
    n -= (size_t)written;
  }
  return 0;
}

/* What the client knows of its run; `fallback` needs all of it. */
static struct {
  char *const *hook_args; /* argv[2..]: the hook's own options, as Codex passed them */
  int hook_argc;
  const char *script;      /* the standalone hook, run by node on fallback */
  double started;          /* now_ms() at start: the record's latency counts from here */
  long deadline_ms;        /* --deadline-ms */
  int daemon_auto;         /* --daemon auto */
  struct buf stdin_read;   /* what was read of stdin so far */
  int stdin_started;       /* whether any read of stdin happened (the rest must follow it) */
  int stdin_ended;         /* whether stdin reached its end */
} run;

/*
 * Runs the standalone hook in this process's place, on the same stdin: what was read, then the
 * rest, fed through a pipe by a child. The time spent here comes off its deadline. Never returns.
 */
static void fallback(void) {
  char deadline_arg[40];
  char **args = calloc((size_t)run.hook_argc + 4, sizeof *args);
  if (args == NULL) goto failed;
  int k = 0;
  args[k++] = "node";
  args[k++] = (char *)run.script;
  for (int i = 0; i < run.hook_argc; i++) args[k++] = run.hook_args[i];
  if (run.stdin_started) {
    long left = run.deadline_ms - (long)(now_ms() - run.started);
    snprintf(deadline_arg, sizeof deadline_arg, "--deadline-ms=%ld", left < 50 ? 50L : left);
    args[k++] = deadline_arg; /* the last --deadline-ms wins */
    int feed[2];
    if (pipe(feed) != 0) goto failed;
    pid_t child = fork();
    if (child < 0) goto failed;
    if (child == 0) {
      close(feed[0]);
      int ok = write_all(feed[1], run.stdin_read.data, run.stdin_read.len) == 0;
      char chunk[65536];
      while (ok && !run.stdin_ended) {
        ssize_t got = read(0, chunk, sizeof chunk);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        ok = write_all(feed[1], chunk, (size_t)got) == 0;
      }
      _exit(0);
    }
    close(feed[1]);
    if (dup2(feed[0], 0) < 0) goto failed;
    close(feed[0]);
  }
  if (setenv("WARDEN_HOOK_STANDALONE", "1", 1) != 0) goto failed;
  signal(SIGPIPE, SIG_DFL);
  execvp("node", args);
failed:;
  const char *why = strerror(errno);
  char message[256];
  int n = snprintf(message, sizeof message,
                   "Blocked by Warden: the hook cannot start node (%s); failing closed\n", why);
  if (n > 0) write_all(2, message, (size_t)n < sizeof message ? (size_t)n : sizeof message - 1);
  _exit(2);
}

static int is_option(const char *arg, size_t name_len, const char *name) {
  return name_len == strlen(name) && strncmp(arg, name, name_len) == 0;
}

/*
 * Reads `--policy`, `--public-key`, `--spool-dir`, `--deadline-ms`, `--daemon` as hook-options.ts
 * does. -1 for anything else, and for a relative path: the daemon would resolve it against its own
 * working directory.
 */
static int parse_options(const char **spool_dir) {
  const char *policy = NULL;
  *spool_dir = NULL;
  for (int i = 0; i < run.hook_argc; i++) {
    const char *arg = run.hook_args[i];
    const char *eq = strchr(arg, '=');
    size_t name_len = eq != NULL && eq > arg ? (size_t)(eq - arg) : strlen(arg);
    const char *value = eq != NULL && eq > arg ? eq + 1 : (i + 1 < run.hook_argc ? run.hook_args[++i] : NULL);
    if (value == NULL || value[0] == '\0') return -1;
    if (is_option(arg, name_len, "--spool-dir")) {
      *spool_dir = value;
    } else if (is_option(arg, name_len, "--policy")) {
      policy = value;
    } else if (is_option(arg, name_len, "--public-key")) {
      if (value[0] != '/') return -1;
    } else if (is_option(arg, name_len, "--deadline-ms")) {
      char *end;
      errno = 0;
      long ms = strtol(value, &end, 10);
      if (errno != 0 || *end != '\0' || ms < 50 || ms > 600000 || value[0] < '0' || value[0] > '9') return -1;
      run.deadline_ms = ms;
    } else if (is_option(arg, name_len, "--daemon")) {
      if (strcmp(value, "auto") != 0 && strcmp(value, "off") != 0) return -1;
      run.daemon_auto = strcmp(value, "auto") == 0;
    } else {
      return -1; /* the standalone hook words the usage error */
    }
  }
  const char *env_spool = getenv("WARDEN_SPOOL_DIR"), *env_policy = getenv("WARDEN_HOOK_POLICY");
  if (*spool_dir == NULL) *spool_dir = env_spool != NULL && env_spool[0] != '\0' ? env_spool : DEFAULT_SPOOL_DIR;
  if (policy == NULL && env_policy != NULL && env_policy[0] != '\0') policy = env_policy;
  return (*spool_dir)[0] == '/' && (policy == NULL || policy[0] == '/') ? 0 : -1;
}

/*
 * `--daemon auto` and no daemon: starts `node <bin>/warden.cjs hook serve` for the spool, detached
 * (its own session, stdio on /dev/null: Codex waits for the hook's output to close), at most once
 * per AUTOSTART_RETRY_SECONDS as noted in `<dir>.started` (fast-path.ts's autostartStamp).
 */
static void start_daemon(const char *spool_dir, const char *dir) {
  char stamp[PATH_MAX], cli[PATH_MAX];
  const char *slash = strrchr(run.script, '/');
  int bin_len = slash == NULL ? 1 : (int)(slash - run.script);
  if (snprintf(stamp, sizeof stamp, "%s.started", dir) >= (int)sizeof stamp ||
      snprintf(cli, sizeof cli, "%.*s/warden.cjs", bin_len, slash == NULL ? "." : run.script) >= (int)sizeof cli)
    return;
  struct stat st;
  if (lstat(stamp, &st) == 0 &&
      (!S_ISREG(st.st_mode) || st.st_uid != getuid() || time(NULL) - st.st_mtime < AUTOSTART_RETRY_SECONDS))
    return;
  /* Never through a symbolic link, never truncating; no spool yet: the standalone hook makes it. */
  int fd = open(stamp, O_WRONLY | O_CREAT | O_NOFOLLOW, 0600);
  if (fd < 0) return;
  int stamped = futimens(fd, NULL) == 0;
  close(fd);
  if (!stamped) return;
  pid_t child = fork();
  if (child < 0) return;
  if (child == 0) { /* the daemon's parent, gone at once: the daemon is nobody's child here */
    if (setsid() < 0 || fork() != 0) _exit(0);
    int null = open("/dev/null", O_RDWR);
    if (null < 0 || chdir("/") != 0) _exit(1);
    dup2(null, 0), dup2(null, 1), dup2(null, 2);
    /* Nothing else Codex's process handed the hook may outlive it in the daemon. */
    long open_max = sysconf(_SC_OPEN_MAX);
    for (int other = 3; other < (open_max > 0 && open_max < 65536 ? open_max : 65536); other++) close(other);
    signal(SIGPIPE, SIG_DFL);
    char *args[] = {"node", cli, "hook", "serve", "--spool-dir", (char *)spool_dir, "--idle-exit",
                    AUTOSTART_IDLE_EXIT_SECONDS, NULL};
    execvp("node", args);
    _exit(127);
  }
  while (waitpid(child, NULL, 0) < 0 && errno == EINTR) {
  }
}

/* Reads stdin to its end within `until` (now_ms()), up to MAX_STDIN_BYTES. 0 when complete. */
static int read_stdin(double until) {
  char chunk[65536];
  for (;;) {
    double left = until - now_ms();
    if (left <= 0) return -1;
    struct pollfd in = {0, POLLIN, 0};
    int ready = poll(&in, 1, (int)left + 1);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return -1;
    ssize_t got = read(0, chunk, sizeof chunk);
    run.stdin_started = 1;
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got < 0) return -1; /* the standalone hook records why */
    if (got == 0) {
      run.stdin_ended = 1;
      return 0;
    }
    if (buf_add(&run.stdin_read, chunk, (size_t)got) != 0) return -1;
    if ((long)run.stdin_read.len > MAX_STDIN_BYTES) return -1;
  }
}

/* The request as fast-path.ts's FastPathRequest, in JSON. */
static int build_request(struct buf *out) {
  if (!is_utf8((const unsigned char *)run.stdin_read.data, run.stdin_read.len)) return -1;
  if (buf_printf(out, "{\"v\":%d,\"argv\":[", FAST_PATH_VERSION) != 0) return -1;
  for (int i = 0; i < run.hook_argc; i++) {
    const char *arg = run.hook_args[i];
    if (!is_utf8((const unsigned char *)arg, strlen(arg))) return -1;
    if ((i > 0 && buf_str(out, ",") != 0) || buf_json_string(out, arg, strlen(arg)) != 0) return -1;
  }
  if (buf_str(out, "],\"env\":{") != 0) return -1;
  int first = 1;
  for (size_t i = 0; i < sizeof FORWARDED_ENV / sizeof *FORWARDED_ENV; i++) {
    const char *value = getenv(FORWARDED_ENV[i]);
    if (value == NULL) continue;
    if (!is_utf8((const unsigned char *)value, strlen(value))) return -1;
    if ((!first && buf_str(out, ",") != 0) || buf_json_string(out, FORWARDED_ENV[i], strlen(FORWARDED_ENV[i])) != 0 ||
        buf_str(out, ":") != 0 || buf_json_string(out, value, strlen(value)) != 0)
      return -1;
    first = 0;
  }
  if (buf_str(out, "},\"stdin\":{\"text\":") != 0 ||
      buf_json_string(out, run.stdin_read.data, run.stdin_read.len) != 0)
    return -1;
  return buf_printf(out, "},\"uptimeMs\":%.3f}", now_ms() - run.started);
}

/* Reads a whole answer file; -1 when it is not there (yet). */
static int read_answer(const char *path, struct buf *out) {
  int fd = open(path, O_RDONLY | O_NOFOLLOW);
  if (fd < 0) return -1;
  char chunk[65536];
  ssize_t got;
  while ((got = read(fd, chunk, sizeof chunk)) != 0) {
    if (got < 0 && errno == EINTR) continue;
    if (got < 0 || buf_add(out, chunk, (size_t)got) != 0) {
      close(fd);
      return -2;
    }
  }
  close(fd);
  return 0;
}

/*
 * Prints an answer framed as fast-path.ts's encodeAnswer writes it and exits with its code:
 * "response <exit> <stdout bytes> <stderr bytes>\n" then both texts. Returns on anything else.
 */
static void answer_and_exit(const struct buf *answer) {
  const char *newline = memchr(answer->data, '\n', answer->len);
  if (newline == NULL) return;
  char header[96];
  size_t header_len = (size_t)(newline - answer->data);
  if (header_len >= sizeof header) return;
  memcpy(header, answer->data, header_len);
  header[header_len] = '\0';
  int code, used = 0;
  long out_len, err_len;
  if (sscanf(header, "response %d %ld %ld%n", &code, &out_len, &err_len, &used) != 3) return;
  size_t body = answer->len - header_len - 1;
  if ((size_t)used != header_len || (code != 0 && code != 2) || out_len < 0 || err_len < 0 ||
      (size_t)out_len + (size_t)err_len != body)
    return;
  const char *text = newline + 1;
  if (write_all(1, text, (size_t)out_len) != 0 || write_all(2, text + out_len, (size_t)err_len) != 0) _exit(2);
  _exit(code);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    static const char usage[] = "Blocked by Warden: usage: warden-hook-client FALLBACK_SCRIPT [options]\n";
    write_all(2, usage, sizeof usage - 1);
    return 2;
  }
  run.started = now_ms();
  run.script = argv[1];
  run.hook_args = argv + 2;
  run.hook_argc = argc - 2;
  run.deadline_ms = DEFAULT_DEADLINE_MS;
  signal(SIGPIPE, SIG_IGN); /* a daemon gone between open and write is EPIPE, not death */
  /* A closed standard descriptor would be reused by the pipes and files below: leave it to node. */
  for (int fd = 0; fd <= 2; fd++)
    if (fcntl(fd, F_GETFD) < 0) fallback();

  const char *spool_dir;
  if (parse_options(&spool_dir) != 0) fallback();
  uid_t uid = getuid();
  char dir[PATH_MAX], fifo_path[PATH_MAX], request_path[PATH_MAX], answer_path[PATH_MAX], id[48];
  if (snprintf(dir, sizeof dir, "%s/hookd-%lu", spool_dir, (unsigned long)uid) >= (int)sizeof dir) fallback();
  struct stat st;
  if (lstat(dir, &st) != 0) {
    if (errno == ENOENT && run.daemon_auto) start_daemon(spool_dir, dir);
    fallback();
  }
  if (!S_ISDIR(st.st_mode) || st.st_uid != uid || (st.st_mode & 077) != 0) fallback();
  if (snprintf(fifo_path, sizeof fifo_path, "%s/requests", dir) >= (int)sizeof fifo_path) fallback();
  /* No reader (no daemon) is ENXIO at once; a missing FIFO is ENOENT. */
  int fifo = open(fifo_path, O_WRONLY | O_NONBLOCK);
  if (fifo < 0) {
    if ((errno == ENXIO || errno == ENOENT) && run.daemon_auto) start_daemon(spool_dir, dir);
    fallback();
  }
  if (fstat(fifo, &st) != 0 || !S_ISFIFO(st.st_mode) || st.st_uid != uid) fallback();

  if (read_stdin(run.started + (double)run.deadline_ms / 2) != 0) fallback();
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  unsigned long long salt = ((unsigned long long)t.tv_sec << 30) ^ (unsigned long long)t.tv_nsec;
  char suffix[16];
  int r = 0;
  do suffix[r++] = "0123456789abcdefghijklmnopqrstuvwxyz"[salt % 36];
  while ((salt /= 36) != 0 && r < 12);
  suffix[r] = '\0';
  snprintf(id, sizeof id, "%ld-%s", (long)getpid(), suffix);
  if (snprintf(request_path, sizeof request_path, "%s/q/%s", dir, id) >= (int)sizeof request_path ||
      snprintf(answer_path, sizeof answer_path, "%s/a/%s", dir, id) >= (int)sizeof answer_path)
    fallback();

  struct buf request = {0}, line = {0};
  if (build_request(&request) != 0) fallback();
  if (buf_printf(&line, "{\"id\":\"%s\",\"request\":", id) != 0 || buf_add(&line, request.data, request.len) != 0 ||
      buf_str(&line, "}\n") != 0)
    fallback();
  if (line.len <= ATOMIC_PIPE_WRITE) {
    if (write(fifo, line.data, line.len) != (ssize_t)line.len) fallback(); /* EAGAIN: the daemon is far behind */
  } else {
    int fd = open(request_path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
    if (fd < 0) fallback();
    int written = write_all(fd, request.data, request.len) == 0;
    close(fd);
    line.len = 0;
    if (!written || buf_printf(&line, "{\"id\":\"%s\"}\n", id) != 0 ||
        write(fifo, line.data, line.len) != (ssize_t)line.len) {
      unlink(request_path);
      fallback();
    }
  }
  close(fifo);

  double until = now_ms() + FAST_PATH_WAIT_MS;
  struct buf answer = {0};
  for (long pause = 50;; pause = pause * 2 > 250 ? 250 : pause * 2) {
    int got = read_answer(answer_path, &answer);
    if (got == 0) break;
    if (got == -2 || now_ms() > until) {
      unlink(request_path); /* not taken yet: the daemon must not decide it too */
      fallback();
    }
    sleep_us(pause);
  }
  unlink(answer_path);
  answer_and_exit(&answer);
  fallback(); /* "fallback <reason>", or an answer this client cannot read */
}
