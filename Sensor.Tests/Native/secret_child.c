// Test child for the process and memory tests: holds known secrets at known addresses and prints them.
//   R1: 4 MiB anonymous rw region of pseudo-random bytes holding
//       ASCII secret A straddling the first 1 MiB chunk boundary (offset 1 MiB - 7),
//       UTF-16LE secret W at an odd offset in the third chunk.
//   R2: 64 KiB anonymous rw region holding ASCII secret U; unmapped on SIGUSR1 (then "UNMAPPED" is printed).
//   X:  one anonymous rwx page that starts with an ELF header (a "hidden module").
// Lines printed: "A <hex>", "W <hex>", "U <hex>", "R1 <hex>", "R2 <hex>", "X <hex>", "READY".
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static const char secret_a[] = "ALPHA-secret-straddles-1MiB-3b7f";
static const char secret_w[] = "WideSecret-utf16-91c2";
static const char secret_u[] = "UNMAP-secret-vanishes-5d1e";
static void *r2;
static const size_t r2_size = 64 << 10;

static void on_usr1(int sig)
{
    (void)sig;
    munmap(r2, r2_size);
    static const char msg[] = "UNMAPPED\n";
    write(1, msg, sizeof msg - 1);
}

int main(void)
{
    const size_t r1_size = 4 << 20;
    unsigned char *r1 = mmap(NULL, r1_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    r2 = mmap(NULL, r2_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char *x = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r1 == MAP_FAILED || r2 == MAP_FAILED || x == MAP_FAILED) return 2;
    uint64_t s = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < r1_size; i += 8) {
        uint64_t z = (s += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        z ^= z >> 31;
        memcpy(r1 + i, &z, 8);
    }
    unsigned char *a = r1 + (1 << 20) - 7;
    memcpy(a, secret_a, sizeof secret_a - 1);
    unsigned char *w = r1 + (2 << 20) + 12345;
    for (size_t i = 0; i < sizeof secret_w - 1; i++) { w[2 * i] = (unsigned char)secret_w[i]; w[2 * i + 1] = 0; }
    memset(r2, 0, r2_size);
    unsigned char *u = (unsigned char *)r2 + 1000;
    memcpy(u, secret_u, sizeof secret_u - 1);
    memcpy(x, "\177ELF\2\1\1", 7);
    signal(SIGUSR1, on_usr1);
    alarm(300); // never outlive a crashed test run
    printf("A %lx\nW %lx\nU %lx\nR1 %lx\nR2 %lx\nX %lx\nREADY\n",
           (unsigned long)a, (unsigned long)w, (unsigned long)u, (unsigned long)r1, (unsigned long)r2, (unsigned long)x);
    fflush(stdout);
    for (;;) pause();
}
