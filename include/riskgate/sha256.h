/* SHA-256, for the policy's identity in the report and stable fingerprints. */
#ifndef RISKGATE_SHA256_H
#define RISKGATE_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
	uint32_t state[8];
	uint64_t length;
	unsigned char block[64];
	size_t used;
} gate_sha256;

void gate_sha256_init(gate_sha256 *ctx);
void gate_sha256_update(gate_sha256 *ctx, const void *data, size_t len);
void gate_sha256_final(gate_sha256 *ctx, unsigned char digest[32]);

/* Writes the lower-case hex digest of `len` bytes of `data` into `hex` (65 bytes). */
void gate_sha256_hex(char hex[65], const void *data, size_t len);

#endif
