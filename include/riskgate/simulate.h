/*
 * "What if" (docs/commands.md, "What if: simulated approvals"): the change
 * evaluated again as if more people had approved its head, to say whom to
 * ask. A simulation never changes the real result or its verdict; it is a
 * second result, reported beside the first and marked as such.
 */
#ifndef RISKGATE_SIMULATE_H
#define RISKGATE_SIMULATE_H

#include <stddef.h>

#include "riskgate/approvals.h"
#include "riskgate/buf.h"
#include "riskgate/error.h"
#include "riskgate/report.h"
#include "riskgate/result.h"
#include "riskgate/run.h"

/* Most logins one simulation takes: each costs one more evaluation. */
#define GATE_SIMULATE_MAX_LOGINS 20

/*
 * One requirement a simulated approval turns from failing (fail or
 * unverified) to passing: its tier and check, and its detail in the
 * simulated result. Strings are owned.
 */
typedef struct {
	char *tier;
	char *check;
	char *detail;
} gate_simulated_req;

/*
 * One simulated approver. `login` as given, without '@'. `permission` is
 * what the permissions file says of the login, or GATE_PERM_UNKNOWN when it
 * does not list it (or none was given): the simulation then assumes write
 * access. `ignored` is why the evaluation did not count the simulated
 * approval (the change's author, a contributor, no write access, ...), as
 * its list of ignored approvals says, or NULL when it counted. `verdict` is
 * the verdict with this approval alone added; `flipped` lists the
 * requirements it turns to pass, in result order.
 */
typedef struct {
	char *login;
	gate_permission permission;
	char *ignored;
	gate_verdict verdict;
	gate_simulated_req *flipped;
	size_t nflipped;
} gate_simulated_approval;

/*
 * A simulation: the real verdict, the verdict with every simulated approval
 * added at once, each approver on their own, and the labels given with
 * --simulate-label, which every simulated evaluation adds to the change's
 * known labels (the list is then taken as complete).
 */
typedef struct gate_simulation {
	gate_verdict real;
	gate_verdict simulated;
	gate_simulated_approval *approvals;
	size_t napprovals;
	gate_strlist labels;
} gate_simulation;

void gate_simulation_init(gate_simulation *sim);

/* Releases what `sim` owns; accepts NULL. */
void gate_simulation_dispose(gate_simulation *sim);

/*
 * Evaluates the change of `run` (which gate_run_change has evaluated; it is
 * left as it is) again, once per login of `logins` (`n` of them, at most
 * GATE_SIMULATE_MAX_LOGINS, each a valid login with or without '@',
 * duplicates ignoring case removed) and once with all of them, as if each
 * had submitted an APPROVED review of the head after every real review.
 * Each simulated reviewer is taken to have write access unless the
 * permissions file says otherwise, and to be independent of the change
 * unless the inputs say otherwise; everything else (policy, teams,
 * CODEOWNERS, the real reviews) is the run's. With no logins, nothing is
 * evaluated again and both verdicts are the real one, unless sim->labels
 * holds labels, which the caller adds before the call: every simulated
 * evaluation then sees them too. Fills `sim` (initialised by the caller). Returns 0, or -1 with
 * `err` set (GATE_ERR_USAGE for a bad login or too many).
 */
int gate_simulate_approvals(gate_simulation *sim, gate_run *run, const char *const *logins,
			    size_t n, gate_error *err);

/*
 * Who can turn the failing requirement `req` green, when it is about
 * approvals: appends to `out` a phrase such as "anyone with write access
 * who is not among the change's contributors" (check "approvals"), "@acme/
 * security, alice (1 needed)" (check "reviewers") or "an owner in
 * CODEOWNERS of each file that no owner has approved" (check "codeowners"), and
 * returns 1; returns 0 and appends nothing for another check, a passing
 * requirement, or a tier `policy` does not have. -1 on error.
 */
int gate_simulate_who_can_approve(gate_buf *out, const gate_policy *policy,
				  const gate_requirement *req, gate_error *err);

/* The simulation block of the text report (report_text.c): appended to
 * `out` after the real report; `color` as gate_report_text. */
int gate_report_simulation_text(gate_buf *out, const gate_simulation *sim, int color,
				gate_error *err);

/* The JSON report (gate_report_json) with a "simulation" object added;
 * `sim` NULL gives exactly gate_report_json's output. */
int gate_report_json_simulated(gate_buf *out, const gate_report *report, const gate_simulation *sim,
			       gate_error *err);

#endif
