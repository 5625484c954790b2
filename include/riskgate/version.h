/* The version of riskgate. */
#ifndef RISKGATE_VERSION_H
#define RISKGATE_VERSION_H

#define GATE_VERSION "0.1.0"

#endif
