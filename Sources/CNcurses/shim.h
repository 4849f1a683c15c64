// SwiftPM drops the pkg-config defines that switch on ncurses' wide-character API,
// so they are set here before the header is read.
#ifndef MARKETMATE_CNCURSES_SHIM_H
#define MARKETMATE_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <termios.h>
#include <sys/ioctl.h>
#ifdef __linux__
#include <pty.h>
#else
#include <util.h>
#endif
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// C globals and macros Swift 6 cannot use directly (mutable globals, function-like macros).
static inline WINDOW *mm_stdscr(void) { return stdscr; }
static inline int mm_lines(void) { return LINES; }
static inline int mm_cols(void) { return COLS; }
static inline int mm_colors(void) { return COLORS; }
static inline int mm_color_pairs(void) { return COLOR_PAIRS; }
static inline void mm_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline attr_t mm_a_normal(void) { return A_NORMAL; }
static inline attr_t mm_a_bold(void) { return A_BOLD; }
static inline attr_t mm_a_dim(void) { return A_DIM; }
static inline attr_t mm_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mm_a_reverse(void) { return A_REVERSE; }
static inline attr_t mm_a_italic(void) { return A_ITALIC; }
static inline void mm_set_escdelay(int ms) { set_escdelay(ms); }

// glibc hides wcwidth unless _XOPEN_SOURCE was set before its headers were first read,
// which a module import cannot promise; declaring it again is harmless.
extern int wcwidth(wchar_t c);
static inline int mm_wcwidth(int c) { return wcwidth((wchar_t)c); }

// ioctl is variadic (Swift cannot call it) and TIOCGWINSZ/TIOCSWINSZ/FIONREAD are macros.
static inline int mm_get_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}
static inline int mm_set_winsize(int fd, int rows, int cols) {
    struct winsize ws = { (unsigned short)rows, (unsigned short)cols, 0, 0 };
    return ioctl(fd, TIOCSWINSZ, &ws);
}
static inline int mm_openpty(int *master, int *slave, int rows, int cols) {
    struct winsize ws = { (unsigned short)rows, (unsigned short)cols, 0, 0 };
    return openpty(master, slave, NULL, NULL, &ws);
}
static inline int mm_is_utf8_locale(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// ---------------------------------------------------------------------------------------
// Terminal guard: restores the terminal when the process dies while ncurses owns it, and
// turns job-control and resize signals into bytes on a pipe the UI thread polls.
//
// Signal handlers may only make async-signal-safe calls, and Swift code gives no such
// promise (retain/release, lazy globals), so they are written here in C. The state lives
// in a function-local static; static inline functions are emitted once per object file
// that uses them, so exactly ONE Swift file (Terminal/TerminalGuard.swift) may call the
// mm_guard_* functions, or the handlers and the installer would see different copies.
// ---------------------------------------------------------------------------------------

#define MM_GUARD_MAX_SIGNAL 65

struct mm_guard {
    volatile sig_atomic_t active;      // 1 while a backend owns the terminal
    volatile sig_atomic_t notify_fd;   // write end of the signal pipe, -1 when none
    int tty_fd;                        // where termios is restored and the reset written
    int have_termios;
    struct termios saved;
    int atexit_registered;
    int installed[MM_GUARD_MAX_SIGNAL];
    struct sigaction previous[MM_GUARD_MAX_SIGNAL];
};

static inline struct mm_guard *mm_guard_state(void) {
    static struct mm_guard state = { 0, -1, -1, 0 };
    return &state;
}

// Everything a crash must undo, in one write: CAN first, which ends an escape sequence
// another thread may have been half-way through, then mouse and paste modes off,
// attributes reset, cursor visible, alternate screen left.
static const char mm_guard_reset_sequence[] =
    "\030\033[?1000l\033[?1002l\033[?1006l\033[?2004l\033[0m\033[?25h\033[?1049l";

// Async-signal-safe: tcsetattr and write only. Runs once per activation.
static inline void mm_guard_restore_now(void) {
    struct mm_guard *g = mm_guard_state();
    if (!g->active) return;
    g->active = 0;
    if (g->have_termios) (void)tcsetattr(g->tty_fd, TCSANOW, &g->saved);
    ssize_t ignored = write(g->tty_fd, mm_guard_reset_sequence, sizeof mm_guard_reset_sequence - 1);
    (void)ignored;
}

static inline void mm_guard_crash_handler(int sig) {
    int saved_errno = errno;
    struct mm_guard *g = mm_guard_state();
    mm_guard_restore_now();
    // Hand the signal to whoever had it before (the default action, or Swift's
    // backtracer), so the crash is still reported; it is delivered when this returns.
    struct sigaction next = g->previous[sig];
    if (next.sa_handler == SIG_IGN) {
        memset(&next, 0, sizeof next);
        next.sa_handler = SIG_DFL;
    }
    (void)sigaction(sig, &next, NULL);
    g->installed[sig] = 0;
    (void)raise(sig);
    errno = saved_errno;
}

static inline void mm_guard_notify_handler(int sig) {
    int saved_errno = errno;
    int fd = mm_guard_state()->notify_fd;
    if (fd >= 0) {
        unsigned char byte = (unsigned char)sig;
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved_errno;
}

static inline void mm_guard_atexit(void) { mm_guard_restore_now(); }

static inline int mm_guard_install(int sig, void (*handler)(int), int flags) {
    struct mm_guard *g = mm_guard_state();
    if (sig <= 0 || sig >= MM_GUARD_MAX_SIGNAL) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_flags = flags;
    sigemptyset(&action.sa_mask);
    struct sigaction old;
    if (sigaction(sig, &action, &old) != 0) return -1;
    // Keep the first "previous" only: reinstalling (after a suspend) must not record
    // our own handler as the one to chain to.
    if (!g->installed[sig]) g->previous[sig] = old;
    g->installed[sig] = 1;
    return 0;
}

static inline void mm_guard_uninstall(int sig) {
    struct mm_guard *g = mm_guard_state();
    if (sig <= 0 || sig >= MM_GUARD_MAX_SIGNAL || !g->installed[sig]) return;
    (void)sigaction(sig, &g->previous[sig], NULL);
    g->installed[sig] = 0;
}

// Gives crash handlers room to run after a stack overflow on the calling thread.
static inline void mm_guard_alternate_stack(void) {
    static int done = 0;
    if (done) return;
    done = 1;
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && !(current.ss_flags & SS_DISABLE)) return;
    stack_t stack;
    stack.ss_size = 64 * 1024;
    stack.ss_sp = malloc(stack.ss_size);
    stack.ss_flags = 0;
    if (stack.ss_sp != NULL) (void)sigaltstack(&stack, NULL);
}

static const int mm_guard_crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGQUIT };
static const int mm_guard_notify_signals[] = { SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT };

/// Saves the tty's termios, installs every handler. Returns 0, or -1 with errno set.
static inline int mm_guard_begin(int tty_fd, int notify_fd) {
    struct mm_guard *g = mm_guard_state();
    g->tty_fd = tty_fd;
    g->have_termios = tcgetattr(tty_fd, &g->saved) == 0;
    g->notify_fd = notify_fd;
    mm_guard_alternate_stack();
    for (size_t i = 0; i < sizeof mm_guard_crash_signals / sizeof(int); i++)
        if (mm_guard_install(mm_guard_crash_signals[i], mm_guard_crash_handler, SA_ONSTACK) != 0) return -1;
    for (size_t i = 0; i < sizeof mm_guard_notify_signals / sizeof(int); i++)
        if (mm_guard_install(mm_guard_notify_signals[i], mm_guard_notify_handler, SA_RESTART) != 0) return -1;
    if (!g->atexit_registered) g->atexit_registered = atexit(mm_guard_atexit) == 0;
    g->active = 1;
    return 0;
}

/// Puts every handler back and forgets the pipe. The termios is restored by the caller
/// (after endwin) through mm_guard_restore_termios.
static inline void mm_guard_end(void) {
    struct mm_guard *g = mm_guard_state();
    g->active = 0;
    for (size_t i = 0; i < sizeof mm_guard_notify_signals / sizeof(int); i++) mm_guard_uninstall(mm_guard_notify_signals[i]);
    for (size_t i = 0; i < sizeof mm_guard_crash_signals / sizeof(int); i++) mm_guard_uninstall(mm_guard_crash_signals[i]);
    g->notify_fd = -1;
}

/// Takes the terminal's current termios as the one to restore (after a suspend the
/// user may have changed it with stty).
static inline void mm_guard_save_termios(void) {
    struct mm_guard *g = mm_guard_state();
    g->have_termios = tcgetattr(g->tty_fd, &g->saved) == 0;
}

static inline int mm_guard_restore_termios(void) {
    struct mm_guard *g = mm_guard_state();
    return g->have_termios ? tcsetattr(g->tty_fd, TCSANOW, &g->saved) : 0;
}

/// While suspended the terminal is the shell's: no crash reset, SIGTSTP at its default
/// so raising it stops the process.
static inline void mm_guard_suspend(void) {
    struct mm_guard *g = mm_guard_state();
    g->active = 0;
    struct sigaction deflt;
    memset(&deflt, 0, sizeof deflt);
    deflt.sa_handler = SIG_DFL;
    sigemptyset(&deflt.sa_mask);
    (void)sigaction(SIGTSTP, &deflt, NULL);
}

static inline void mm_guard_resume(void) {
    struct mm_guard *g = mm_guard_state();
    (void)mm_guard_install(SIGTSTP, mm_guard_notify_handler, SA_RESTART);
    g->active = 1;
}

/// A shell without job control starts programs with SIGTSTP ignored: then there is
/// nobody to `fg` a stopped process, so Ctrl-Z must not stop it.
static inline int mm_guard_job_control(void) {
    struct mm_guard *g = mm_guard_state();
    return !(g->installed[SIGTSTP] && g->previous[SIGTSTP].sa_handler == SIG_IGN);
}

static inline int mm_guard_is_active(void) { return mm_guard_state()->active; }
#endif
