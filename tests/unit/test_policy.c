/*
 * Unit tests for the policy loader (src/policy*.c), driven by tables: each
 * schema error the loader reports, in a policy that has only that problem,
 * with the exact line and column it must be reported at; warnings that do
 * not stop a policy from loading; and policies that must load. Every text
 * is loaded from an exact-size heap copy, so AddressSanitizer catches any
 * read past its end.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/policy.h"
#include "riskgate/sha256.h"
#include "unit.h"

#define FILE_NAME "p.json"

/* A policy with one problem: its first error must contain `message` and
 * be at line:col (1-based, in bytes). */
typedef struct {
	const char *text;
	const char *message;
	unsigned line, col;
} error_row;

static const error_row errors[] = {
    {"[1]", "a policy must be an object, not array", 1, 1},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tierz\": [],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"tierz\" in the policy (expected one of: version, name,", 2, 1},
    {"{\"default_tier\": \"low\", \"tiers\": [{\"name\": \"low\"}]}",
     "the policy has no \"version\" (write \"version\": 1 first)", 1, 1},
    {"{\"default_tier\": \"low\", \"version\": 1, \"tiers\": [{\"name\": \"low\"}]}",
     "\"version\" must be the first key of the policy", 1, 25},
    {"{\"version\": 1.5, \"default_tier\": \"low\", \"tiers\": [{\"name\": \"low\"}]}",
     "\"version\" must be a whole number >= 1", 1, 13},
    {"{\"version\": 0, \"default_tier\": \"low\", \"tiers\": [{\"name\": \"low\"}]}",
     "\"version\" must be a whole number >= 1", 1, 13},
    {"{\"version\": 2, \"default_tier\": \"low\", \"tiers\": [{\"name\": \"low\"}]}",
     "policy version 2 is newer than this riskgate understands (1); upgrade riskgate", 1, 13},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"name\": 3,\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"name\" must be a string, not number", 2, 9},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"description\": null,\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"description\" must be a string, not null", 2, 16},
    {"{\"version\": 1, \"default_tier\": \"low\"}", "the policy has no \"tiers\"", 1, 1},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": {}}",
     "\"tiers\" must be an array, not object", 2, 10},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": []}",
     "\"tiers\" must list at least one tier", 2, 10},
    {"{\"version\": 1, \"tiers\": [{\"name\": \"low\"}]}",
     "the policy has no \"default_tier\" (the tier for paths no tier matches)", 1, 1},
    {"{\"version\": 1, \"default_tier\": 1,\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"default_tier\" must be a string, not number", 1, 32},
    {"{\"version\": 1, \"default_tier\": \"mid\",\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"default_tier\" names \"mid\", which is not a tier", 1, 32},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"trust_review_trailers\": true,\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"trust_review_trailers\" was removed", 2, 1},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"allow_stale_approvals\": 1,\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"allow_stale_approvals\" must be true or false", 2, 26},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"on_deadline\": \"allow\",\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"on_deadline\" must be \"reject\" or \"pass\"", 2, 16},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"assets\": \"\\\\.png$\",\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "assets must be an array, not string", 2, 11},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"protected_refs\": [\"^refs/heads/(main\"],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "protected_refs[0]: invalid regular expression at offset 17: missing closing parenthesis", 2,
     38},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [\"low\"]}",
     "tiers[0] must be an object, not string", 2, 11},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"pathz\": []}]}",
     "unknown key \"pathz\" in a tier (expected one of: name, description, paths, exclude, "
     "require, require_when)",
     2, 27},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"description\": \"d\"}]}",
     "tier 0 has no \"name\"", 2, 11},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": 7}]}",
     "\"name\" must be a string, not number", 2, 20},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"Low\"}]}",
     "tier name \"Low\" must be 1 to 64 of a-z, 0-9, '_' and '-'", 2, 20},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"description\": []}]}",
     "\"description\" must be a string, not array", 2, 42},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"high\", \"paths\": [\"a\"]},\n"
     "{\"name\": \"high\", \"paths\": [\"b\"]}, {\"name\": \"low\"}]}",
     "duplicate tier name \"high\" (first at line 2)", 3, 10},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}, {\"name\": \"high\"}]}",
     "tier \"high\" has no \"paths\" (only the default tier may omit them)", 2, 28},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"high\", \"paths\": \"a\"}, {\"name\": \"low\"}]}",
     "tier \"high\" paths must be an array, not string", 2, 37},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"high\", \"paths\": [\"\"]}, {\"name\": \"low\"}]}",
     "tier \"high\" paths[0] is an empty pattern, which matches every path", 2, 38},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"high\", \"paths\": [\"a\", 1]}, {\"name\": \"low\"}]}",
     "tier \"high\" paths[1] must be a string, not number", 2, 43},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"high\", \"paths\": [\"ab(c\"]}, {\"name\": \"low\"}]}",
     "tier \"high\" paths[0]: invalid regular expression at offset 4: missing closing parenthesis",
     2, 43},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"high\", \"paths\": [\"\\\\w)\"]}, {\"name\": \"low\"}]}",
     "tier \"high\" paths[0]: invalid regular expression at offset 2: unmatched closing "
     "parenthesis",
     2, 42},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"high\", \"paths\": [\"\\u0061)\"]}, {\"name\": \"low\"}]}",
     "tier \"high\" paths[0]: invalid regular expression at offset 1: unmatched closing "
     "parenthesis",
     2, 45},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"high\", \"paths\": [\"a\"], \"exclude\": [\"[\"]}, {\"name\": "
     "\"low\"}]}",
     "tier \"high\" exclude[0]: invalid regular expression at offset 1: missing terminating ] for "
     "character class",
     2, 58},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": []}]}",
     "\"require\" must be an object, not array", 2, 38},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"tets\": \"none\"}}]}",
     "unknown key \"tets\" in \"require\" (expected one of: tests, max_files, max_lines, "
     "approvals, changes_requested, reviewers, reviewers_min, approval_rules, codeowners, "
     "provenance, observability, rules, signed_commits, walkthrough, dependencies, ai_lines)",
     2, 39},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"tests\": true}}]}",
     "\"tests\" must be one of \"none\", \"changed\", \"paired\"", 2, 48},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"tests\": \"all\"}}]}",
     "\"tests\" must be one of \"none\", \"changed\", \"paired\", not \"all\"", 2, 48},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"max_files\": -1}}]}",
     "\"max_files\" must be a whole number >= 0", 2, 52},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"max_lines\": 1.5}}]}",
     "\"max_lines\" must be a whole number >= 0", 2, 52},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approvals\": \"2\"}}]}",
     "\"approvals\" must be a whole number >= 0", 2, 52},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"reviewers\": \"alice\"}}]}",
     "\"reviewers\" must be an array, not string", 2, 52},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"reviewers\": [\"alice\", \"a b\"]}}]}",
     "\"reviewers\": \"a b\" is not valid here", 2, 62},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"reviewers\": [\"\"]}}]}",
     "\"reviewers\": \"\" is not valid here", 2, 53},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"reviewers_min\": 1}}]}",
     "\"reviewers_min\" needs a \"reviewers\" list", 2, 56},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"reviewers\": [\"alice\"], \"reviewers_min\": "
     "-2}}]}",
     "\"reviewers_min\" must be a whole number >= 0", 2, 80},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"codeowners\": \"yes\"}}]}",
     "\"codeowners\" must be true or false", 2, 53},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"codeowners\": {\"dialect\": "
     "\"bitbucket\"}}}]}",
     "\"codeowners.dialect\" must be \"github\" or \"gitlab\"", 2, 65},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"codeowners\": {\"dialect\": "
     "\"GitLab\"}}}]}",
     "\"codeowners.dialect\" must be \"github\" or \"gitlab\"", 2, 65},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"codeowners\": {\"dialekt\": "
     "\"gitlab\"}}}]}",
     "unknown key \"dialekt\" in \"codeowners\" (expected one of: dialect)", 2, 54},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"codeowners\": {\"dialect\": "
     "true}}}]}",
     "\"codeowners.dialect\" must be \"github\" or \"gitlab\"", 2, 65},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"observability\": 1}}]}",
     "\"observability\" must be true or false", 2, 56},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": true}}]}",
     "\"provenance\" must be an object, not boolean", 2, 53},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": {\"signoff\": true}}}]}",
     "unknown key \"signoff\" in \"provenance\" of a tier (expected one of: require_disclosure, "
     "require_signoff, allow_remediation, ai_allowed, ai_extra_approvals, "
     "require_signed_signoff)",
     2, 54},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": {\"allow_remediation\": "
     "true}}}]}",
     "\"allow_remediation\" must be false, \"individual\" or \"third_party\"", 2, 75},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": {\"allow_remediation\": "
     "\"thirdParty\"}}}]}",
     "\"allow_remediation\" must be false, \"individual\" or \"third_party\"", 2, 75},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": {\"allow_remediaton\": "
     "false}}}]}",
     "unknown key \"allow_remediaton\" in \"provenance\" of a tier", 2, 54},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": {\"require_disclosure\": "
     "\"yes\"}}}]}",
     "\"require_disclosure\" must be true or false", 2, 76},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": {\"require_signoff\": 0}}}]}",
     "\"require_signoff\" must be true or false", 2, 73},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": {\"ai_allowed\": null}}}]}",
     "\"ai_allowed\" must be true or false", 2, 68},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": {\"ai_extra_approvals\": "
     "-1}}}]}",
     "\"ai_extra_approvals\" must be a whole number >= 0", 2, 76},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"rules\": \"x.y\"}}]}",
     "\"rules\" must be an array, not string", 2, 48},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"rules\": [1]}}]}",
     "a rule id must be a string, not number", 2, 49},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"rules\": [\"nope\"]}}]}",
     "no rule has the id \"nope\" (rules are declared in the top-level \"rules\")", 2, 49},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"r1\", \"severity\": \"warning\", \"files\": [\".\"], \"trigger\": "
     "\"x\", \"message\": \"m\"}],\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"ai_lines\": {\"rules\": []}}}]}",
     "\"ai_lines\" asks for nothing: an empty \"rules\", \"approvals\": 0 and "
     "\"observability\": false add no requirement",
     3, 51},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"r1\", \"severity\": \"warning\", \"files\": [\".\"], \"trigger\": "
     "\"x\", \"message\": \"m\"}],\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"ai_lines\": {\"approvals\": 0}}}]}",
     "\"ai_lines\" asks for nothing: an empty \"rules\", \"approvals\": 0 and "
     "\"observability\": false add no requirement",
     3, 51},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"r1\", \"severity\": \"warning\", \"files\": [\".\"], \"trigger\": "
     "\"x\", \"message\": \"m\"}],\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"ai_lines\": {\"observability\": false}}}]}",
     "\"ai_lines\" asks for nothing: an empty \"rules\", \"approvals\": 0 and "
     "\"observability\": false add no requirement",
     3, 51},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"r1\", \"severity\": \"warning\", \"files\": [\".\"], \"trigger\": "
     "\"x\", \"message\": \"m\"}],\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"ai_lines\": {\"rules\": [], \"approvals\": "
     "0, \"observability\": false}}}]}",
     "\"ai_lines\" asks for nothing: an empty \"rules\", \"approvals\": 0 and "
     "\"observability\": false add no requirement",
     3, 51},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"r1\", \"severity\": \"warning\", \"files\": [\".\"], \"trigger\": "
     "\"x\", \"message\": \"m\"}],\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"ai_lines\": {\"rules\": [\"r1\", "
     "\"r1\"]}}}]}",
     "the rule \"r1\" is listed twice; list each rule once", 3, 68},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"r1\", \"severity\": \"warning\", \"files\": [\".\"], \"trigger\": "
     "\"x\", \"message\": \"m\"}],\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"rules\": [\"r1\", \"r1\"]}}]}",
     "the rule \"r1\" is listed twice; list each rule once", 3, 55},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"notes_ref\": \"\"},\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"ai_lines\": {\"approvals\": 1}}}]}",
     "tier \"low\" has \"ai_lines\", but \"provenance.notes_ref\" is \"\" (no notes are read)", 3,
     51},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": [],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"tests\" must be an object, not array", 2, 10},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"path\": []},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"path\" in \"tests\" (expected one of: paths, pairs)", 2, 11},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"paths\": [\"(\"]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "tests.paths[0]: invalid regular expression at offset 1: missing closing parenthesis", 2, 23},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"pairs\": {}},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"tests.pairs\" must be an array, not object", 2, 20},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"pairs\": [\"a\"]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "tests.pairs[0] must be an object, not string", 2, 21},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"pairs\": [{\"from\": \"a\", \"to\": \"b\", \"too\": 1}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"too\" in tests.pairs[0] (expected one of: from, to)", 2, 46},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"pairs\": [{\"to\": \"b\"}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "tests.pairs[0] has no \"from\" pattern", 2, 21},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"pairs\": [{\"from\": \"a\"}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "tests.pairs[0] has no \"to\" substitution", 2, 21},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"pairs\": [{\"from\": \"a\", \"to\": []}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"to\" must name at least one test path", 2, 41},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"pairs\": [{\"from\": \"a\", \"to\": 1}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"to\" must be a string or an array of strings, not number", 2, 41},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"pairs\": [{\"from\": \"a\", \"to\": [\"b\", 2]}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"to\" must be a string, not number", 2, 47},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tests\": {\"pairs\": [{\"from\": \"\", \"to\": \"b\"}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"from\" is an empty pattern", 2, 30},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": 1,\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"provenance\" must be an object, not number", 2, 15},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"markers\": {}},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"markers\" in \"provenance\" (expected one of: ai_markers, human_marker, "
     "notes_ref)",
     2, 16},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"ai_markers\": []},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"ai_markers\" must be an object, not array", 2, 30},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"ai_markers\": {\"emails\": []}},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"emails\" in \"ai_markers\" (expected one of: trailers, co_authors, identities)",
     2, 31},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"ai_markers\": {\"trailers\": [3]}},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"ai_markers.trailers\" must be a string, not number", 2, 44},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"ai_markers\": {\"co_authors\": [\"(?i)bot(\"]}},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "ai_markers.co_authors[0]: invalid regular expression at offset 8: missing closing "
     "parenthesis",
     2, 55},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"human_marker\": \"Human\"},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"human_marker\" must be an object, not string", 2, 32},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"human_marker\": {\"value\": \"yes\"}},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"human_marker\" needs a \"key\" (a trailer key)", 2, 32},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"human_marker\": {\"key\": \"K\", \"val\": \"x\"}},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"val\" in \"human_marker\" (expected one of: key, value)", 2, 45},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"human_marker\": {\"key\": \"K\", \"value\": \"(\"}},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"human_marker.value\": invalid regular expression at offset 1: missing closing parenthesis",
     2, 56},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"provenance\": {\"notes_ref\": false},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"notes_ref\" must be a string, not boolean", 2, 29},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": [],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"observability\" must be an object, not array", 2, 18},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"langs\": []},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"langs\" in \"observability\" (expected one of: window, max_file_size, "
     "languages)",
     2, 19},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"window\": -3},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"window\" must be a whole number >= 0", 2, 29},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"max_file_size\": \"1M\"},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"max_file_size\" must be a whole number >= 0", 2, 36},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"languages\": {}},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"languages\" must be an array, not object", 2, 32},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"languages\": [\"py\"]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a language must be an object, not string", 2, 33},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"languages\": [{\"name\": \"py\", \"files\": [\"a\"], \"hooks\": "
     "[\"b\"], \"ext\": 1}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"ext\" in a language (expected one of: name, files, hooks)", 2, 80},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"languages\": [{\"files\": [\"a\"], \"hooks\": [\"b\"]}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a language needs a \"name\"", 2, 33},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"languages\": [{\"name\": \"py\", \"hooks\": [\"b\"]}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a language needs \"files\" patterns", 2, 33},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"languages\": [{\"name\": \"py\", \"files\": [\"a\"]}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a language needs \"hooks\" patterns", 2, 33},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"observability\": {\"languages\": [{\"name\": \"py\", \"files\": [\"a\"], \"hooks\": "
     "[\"log(\"]}]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "language hooks[0]: invalid regular expression at offset 4: missing closing parenthesis", 2,
     79},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": {},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"rules\" must be an array, not object", 2, 10},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [\"x.y\"],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a rule must be an object, not string", 2, 11},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"level\": \"error\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"level\" in a rule (expected one of: id, message, severity, files, trigger, "
     "unless, window, hint, lines, unless_scope, normalize, waivable, security_severity, "
     "precision)",
     2, 78},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"message\": \"m\", \"files\": [\"a\"], \"trigger\": \"t\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a rule needs an \"id\"", 2, 11},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"X Y\", \"message\": \"m\", \"files\": [\"a\"], \"trigger\": \"t\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "rule id \"X Y\" must be 1 to 64 of a-z, 0-9, '.', '_', '-'", 2, 18},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\"},\n"
     "{\"id\": \"x.y\", \"message\": \"n\", \"files\": [\"a\"], \"trigger\": \"u\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "duplicate rule id \"x.y\" (first at line 2)", 3, 8},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"files\": [\"a\"], \"trigger\": \"t\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a rule needs a \"message\"", 2, 11},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"hint\": 1}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"hint\" must be a string, not number", 2, 86},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"severity\": \"fatal\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"severity\" must be \"error\" or \"warning\"", 2, 90},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"trigger\": \"t\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a rule needs \"files\" patterns", 2, 11},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"a\"]}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a rule needs a \"trigger\" pattern", 2, 11},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"a\"], \"trigger\": "
     "\"(?<\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"trigger\": invalid regular expression at offset 3: subpattern name expected", 2, 72},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"unless\": \"a{2,1}\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"unless\": invalid regular expression at offset 5: numbers out of order in {} quantifier", 2,
     94},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"window\": -1}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"window\" must be a whole number >= 0", 2, 88},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"lines\": 0}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"lines\" must be 1 to 20", 2, 87},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"lines\": 21}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"lines\" must be 1 to 20", 2, 87},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"unless\": \"u\", \"unless_scope\": \"file\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"unless_scope\" must be \"window\", \"statement\" or \"call\"", 2, 109},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"unless_scope\": \"call\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"unless_scope\" needs an \"unless\" pattern", 2, 94},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"normalize\": \"nfc\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"normalize\" must be \"nfkc\" or \"none\"", 2, 91},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"x.y\", \"message\": \"m\", \"files\": [\"\\\\.py$\"], \"trigger\": "
     "\"t\", \"waivable\": \"no\"}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"waivable\" must be true or false", 2, 90},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"rules\": [{\"id\": \"secret.key\", \"message\": \"m\", \"files\": [\"a\"], \"trigger\": "
     "\"t\", \"waivable\": true}],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "a secret (rule \"secret.key\") cannot be waivable: a leaked credential must be removed and "
     "rotated",
     2, 92},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"waivers\": [],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"waivers\" must be an object, not array", 2, 12},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"waivers\": {\"approver\": []},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"approver\" in \"waivers\" (expected one of: approvers, min)", 2, 13},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"waivers\": {\"approvers\": [\"@acme/sec\", \"a,b\"]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"waivers.approvers\": \"a,b\" is not valid here", 2, 40},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"waivers\": {\"min\": -1},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"waivers.min\" must be a whole number >= 0", 2, 20},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}],\n"
     "\"fixtures\": {}}",
     "\"fixtures\" must be an array, not object", 3, 13},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}],\n"
     "\"fixtures\": [\"a\"]}",
     "a fixture must be an object, not string", 3, 14},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}],\n"
     "\"fixtures\": [{\"path\": \"a\", \"expect\": \"low\"}]}",
     "unknown key \"expect\" in a fixture (expected one of: path, tier, owners, text, rules)", 3,
     28},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}],\n"
     "\"fixtures\": [{\"tier\": \"low\"}]}",
     "a fixture needs a \"path\"", 3, 14},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}],\n"
     "\"fixtures\": [{\"path\": 1}]}",
     "\"path\" must be a string, not number", 3, 23},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}],\n"
     "\"fixtures\": [{\"path\": \"\", \"tier\": \"low\"}]}",
     "a fixture's \"path\" is empty; no file has that path", 3, 23},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}],\n"
     "\"fixtures\": [{\"path\": \"a\", \"tier\": \"high\"}]}",
     "fixture names tier \"high\", which is not a tier", 3, 36},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}],\n"
     "\"fixtures\": [{\"path\": \"a\", \"owners\": \"@x\"}]}",
     "\"owners\" must be an array, not string", 3, 38},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}],\n"
     "\"fixtures\": [{\"path\": \"a\", \"rules\": []}]}",
     "a fixture with \"rules\" needs the \"text\" of a line", 3, 37},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"allow_contributor\": \"no\",\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"allow_contributor\" must be true or false", 2, 22},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"changes_requested\": \"all\"}}]}",
     "\"changes_requested\" must be \"owners\" or \"writers\"", 2, 60},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": []}}]}",
     "\"approval_rules\" needs at least one rule", 2, 57},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": {}}}]}",
     "\"approval_rules\" must be an array, not object", 2, 57},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"count\": 0}]}}]}",
     "\"count\" of an approval rule must be at least 1", 2, 68},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"from\": []}]}}]}",
     "\"from\" of an approval rule must name someone", 2, 67},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"from\": [\"a "
     "b\"]}]}}]}",
     "\"from\" of an approval rule", 2, 68},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"all_of\": [], "
     "\"any_of\": []}]}}]}",
     "an approval rule has \"all_of\" or \"any_of\", not both", 2, 58},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"all_of\": [{\"from\": "
     "[\"a\"]}], \"count\": 1}]}}]}",
     "\"count\" belongs to a rule of its own, not beside \"all_of\"", 2, 88},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"any_of\": "
     "[{\"all_of\": [{\"any_of\": [{\"all_of\": [{\"count\": 1}]}]}]}]}]}}]}",
     "all_of and any_of nest at most 3 deep", 2, 105},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"from\": [\"a\"], "
     "\"pool\": 1}]}}]}",
     "unknown key \"pool\" in an approval rule", 2, 74},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [1]}}]}",
     "an approval rule must be an object, not number", 2, 58},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"approvals_bound_to\": \"tree\",\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"approvals_bound_to\" must be \"diff\", \"tier_diff\" or \"commit\"", 2, 23},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"approvals_bound_to\": true,\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"approvals_bound_to\" must be \"diff\", \"tier_diff\" or \"commit\"", 2, 23},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"approval_bound_to\": \"diff\",\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"approval_bound_to\"", 2, 1},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"changes_requested\": \"anyone\",\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"changes_requested\" must be \"owners\" or \"writers\"", 2, 22},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"review_trailers\": true,\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"review_trailers\" must be an object, not boolean", 2, 20},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"review_trailers\": {\"trusted_committers\": [\"a@b.c\"], \"trusted\": []},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"trusted\" in \"review_trailers\" (expected one of: trusted_committers, "
     "require_signed)",
     2, 54},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"review_trailers\": {},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"review_trailers\" needs \"trusted_committers\"", 2, 20},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"review_trailers\": {\"trusted_committers\": []},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"review_trailers.trusted_committers\" must name at least one committer email", 2, 43},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"review_trailers\": {\"trusted_committers\": [\"bot\"]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"review_trailers.trusted_committers\": \"bot\" is not valid here", 2, 44},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"review_trailers\": {\"trusted_committers\": [\"a@b@c\"]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"review_trailers.trusted_committers\": \"a@b@c\" is not valid here", 2, 44},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"review_trailers\": {\"require_signed\": 1},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"review_trailers.require_signed\" must be true or false", 2, 39},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"review_trailers\": {\"require_signed\": false},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"review_trailers\" needs \"trusted_committers\"", 2, 20},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"signed_commits\": \"yes\"}}]}",
     "\"signed_commits\" must be true or false", 2, 57},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": "
     "{\"require_signed_signoff\": true}}}]}",
     "\"require_signed_signoff\" needs \"require_signoff\": true", 2, 80},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"overrides\": [],\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"overrides\" must be an object, not array", 2, 14},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"overrides\": {\"users\": [\"a\"], \"env\": \"X\"},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "unknown key \"env\" in \"overrides\" (expected one of: users, identity_env)", 2, 31},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"overrides\": {\"identity_env\": \"GL_USERNAME\"},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"overrides\" needs \"users\": the logins allowed to override", 2, 14},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"overrides\": {\"users\": [\"a b\"]},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"overrides.users\": \"a b\" is not valid here", 2, 25},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"overrides\": {\"users\": [\"a\"], \"identity_env\": \"\"},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"overrides.identity_env\" must name an environment variable", 2, 47},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"overrides\": {\"users\": [\"a\"], \"identity_env\": \"gl_user\"},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"overrides.identity_env\" must be an upper-case variable name ([A-Z_][A-Z0-9_]*)", 2, 47},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"overrides\": {\"users\": [\"a\"], \"identity_env\": \"9X\"},\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     "\"overrides.identity_env\" must be an upper-case variable name", 2, 47},
    {"{\"version\": 1,\n"
     "}",
     "trailing comma is not allowed", 1, 14},
    /* require_when (docs/policy.md, "Conditions"): no condition may take
     * requirements away, so there is no negation to spell. */
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": [{\"when\": {\"labels_none\": "
     "[\"skip\"]}, \"require\": {\"approvals\": 2}}]}]}",
     "unknown key \"labels_none\" in \"when\" (expected one of: target_branch, "
     "source_branch, labels_any, title, author_in, min_changed_lines, min_changed_files, "
     "commit_message)",
     2, 54},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": {\"when\": {}}}]}",
     "\"require_when\" must be an array, not object", 2, 43},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": [{\"when\": {}, \"require\": "
     "{\"approvals\": 2}}]}]}",
     "\"when\" needs at least one condition", 2, 53},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": [{\"when\": {\"title\": "
     "\"x\"}}]}]}",
     "an entry of \"require_when\" needs \"require\"", 2, 44},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": [{\"require\": {\"approvals\": "
     "2}}]}]}",
     "an entry of \"require_when\" needs \"when\"", 2, 44},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": [{\"when\": {\"target_branch\": "
     "\"^(main\"}, \"require\": {\"approvals\": 2}}]}]}",
     "\"target_branch\": invalid regular expression at offset 6: missing closing "
     "parenthesis",
     2, 78},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"reviewers\": [\"a\"]}, "
     "\"require_when\": [{\"when\": {\"title\": \"x\"}, \"require\": {\"reviewers\": "
     "[\"b\"]}}]}]}",
     "\"reviewers\" of tier \"low\" are already named in the tier's \"require\"", 2, 113},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": [{\"when\": {\"labels_any\": []}, "
     "\"require\": {\"approvals\": 2}}]}]}",
     "\"labels_any\" needs at least one label", 2, 68},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": [{\"when\": {\"min_changed_lines\": "
     "-1}, \"require\": {\"approvals\": 2}}]}]}",
     "\"min_changed_lines\"", 2, 75},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": [{\"when\": {\"author_in\": "
     "[\"bad login!\"]}, \"require\": {\"approvals\": 2}}]}]}",
     "author_in", 2, 68},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require_when\": [{\"when\": {\"title\": \"x\"}, "
     "\"require\": {\"approvalz\": 2}}]}]}",
     "unknown key \"approvalz\" in \"require\"", 2, 81},
    /* "when" on one approval rule (docs/policy.md, "Conditions on one
     * rule"): the same keys and the same errors as require_when's. */
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"from\": [\"a\"], "
     "\"when\": {\"target_brnach\": \"^release/\"}}]}}]}",
     "unknown key \"target_brnach\" in \"when\" (expected one of: target_branch, "
     "source_branch, labels_any, title, author_in, min_changed_lines, min_changed_files, "
     "commit_message)",
     2, 83},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"from\": [\"a\"], "
     "\"when\": {\"target_branch\": \"^(release\"}}]}}]}",
     "\"target_branch\": invalid regular expression at offset 9: missing closing "
     "parenthesis",
     2, 110},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"any_of\": "
     "[{\"from\": [\"a\"]}], \"when\": {\"min_changed_lines\": \"500\"}}]}}]}",
     "\"min_changed_lines\"", 2, 118},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"from\": [\"a\"], "
     "\"when\": []}]}}]}",
     "\"when\" must be an object, not array", 2, 82},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"from\": [\"a\"], "
     "\"when\": {}}]}}]}",
     "\"when\" needs at least one condition", 2, 82},
    {"{\"version\": 1, \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [{\"all_of\": "
     "[{\"from\": [\"a\"], \"when\": {\"labels_any\": [\"\"]}}]}]}}]}",
     "\"labels_any\"", 2, 110},
};

/* A policy that loads, with exactly `nwarnings` warnings; when `message`
 * is set, the first warning contains it and is at line:col. */
typedef struct {
	const char *text;
	size_t nwarnings;
	const char *message;
	unsigned line, col;
} valid_row;

#define VALID_HEAD "{\"version\": 1, \"default_tier\": \"low\",\n"

static const valid_row valid[] = {
    {VALID_HEAD "\"tiers\": [{\"name\": \"low\"}]}", 0, NULL, 0, 0},
    /* One key of ai_lines that asks something is enough; notes_ref "" is
     * refused only beside ai_lines. */
    {VALID_HEAD "\"tiers\": [{\"name\": \"low\", \"require\": {\"ai_lines\": {\"rules\": [], "
		"\"approvals\": 0, \"observability\": true}}}]}",
     0, NULL, 0, 0},
    {VALID_HEAD "\"provenance\": {\"notes_ref\": \"\"},\n"
		"\"tiers\": [{\"name\": \"low\", \"require\": {\"approvals\": 1}}]}",
     0, NULL, 0, 0},
    {"// comments are allowed\n{\"version\": 1, /* here too */ \"default_tier\": \"low\",\n"
     "\"tiers\": [{\"name\": \"low\"}]}",
     0, NULL, 0, 0},
    {VALID_HEAD
     "\"name\": \"n\", \"description\": \"d\",\n"
     "\"tiers\": [{\"name\": \"high\", \"description\": \"auth\", \"paths\": "
     "[\"(^|/)auth/\"],\n"
     " \"exclude\": [\"\\\\.md$\"], \"require\": {\"tests\": \"paired\", "
     "\"max_files\": 25,\n"
     " \"max_lines\": 600, \"approvals\": 2, \"reviewers\": [\"@acme/sec\", "
     "\"alice\", \"c@example.com\"],\n"
     " \"reviewers_min\": 2, \"codeowners\": true, \"provenance\": "
     "{\"require_disclosure\": true,\n"
     " \"require_signoff\": true, \"allow_remediation\": \"third_party\", \"ai_allowed\": "
     "false,\n \"ai_extra_approvals\": 1},\n"
     " \"observability\": true, \"rules\": [\"py.x\"]}},\n"
     " {\"name\": \"low\", \"require\": {\"tests\": \"changed\"}}],\n"
     "\"tests\": {\"paths\": [\"(^|/)tests?/\"], \"pairs\": [{\"from\": "
     "\"^src/(.*)\\\\.c$\", \"to\": [\"tests/$1.c\"]},\n"
     " {\"from\": \"^lib/(.*)\\\\.py$\", \"to\": \"tests/test_$1.py\"}]},\n"
     "\"provenance\": {\"ai_markers\": {\"trailers\": [\"Assisted-by\"], "
     "\"co_authors\": [\"bot\"],\n"
     " \"identities\": [\"\\\\[bot\\\\]\"]}, \"human_marker\": {\"key\": \"AI\", "
     "\"value\": \"(?i)none\"},\n"
     " \"notes_ref\": \"refs/notes/ai\"},\n"
     "\"observability\": {\"window\": 5, \"max_file_size\": 100000, \"languages\": "
     "[{\"name\": \"py\",\n"
     " \"files\": [\"\\\\.py$\"], \"hooks\": [\"log\\\\.\"]}]},\n"
     "\"rules\": [{\"id\": \"py.x\", \"message\": \"m\", \"hint\": \"h\", "
     "\"severity\": \"warning\",\n"
     " \"files\": [\"\\\\.py$\"], \"trigger\": \"except:\", \"unless\": \"raise\", "
     "\"window\": 3, \"lines\": 2,\n"
     " \"unless_scope\": \"statement\", \"normalize\": \"nfkc\", \"waivable\": false}],\n"
     "\"waivers\": {\"approvers\": [\"@acme/sec\"], \"min\": 1},\n"
     "\"fixtures\": [{\"path\": \"auth/x.py\", \"tier\": \"high\", \"owners\": "
     "[\"@a\"], \"text\": \"except: pass\",\n"
     " \"rules\": [\"py.x\"]}],\n"
     "\"allow_contributor\": false, \"allow_stale_approvals\": false, "
     "\"changes_requested\": \"writers\",\n"
     "\"review_trailers\": {\"trusted_committers\": [\"merge-bot@example.com\"]},\n"
     "\"on_deadline\": \"reject\", \"protected_refs\": [\"^refs/heads/main$\"],\n"
     "\"overrides\": {\"users\": [\"admin\"], \"identity_env\": \"GL_USERNAME\"},\n"
     "\"assets\": [\"\\\\.png$\"]}",
     0, NULL, 0, 0},
    {VALID_HEAD "\"approvals_bound_to\": \"tier_diff\", \"tiers\": [{\"name\": \"low\"}]}", 0, NULL,
     0, 0},
    {VALID_HEAD "\"approvals_bound_to\": \"commit\", \"tiers\": [{\"name\": \"low\"}]}", 0, NULL, 0,
     0},
    {VALID_HEAD "\"tiers\": [{\"name\": \"low\", \"require\": {\"approvals\": 1, "
		"\"changes_requested\": \"owners\"}}]}",
     0, NULL, 0, 0},
    {VALID_HEAD "\"tiers\": [{\"name\": \"low\", \"require\": {\"provenance\": "
		"{\"require_signoff\": true, \"allow_remediation\": \"individual\"}}},\n"
		"{\"name\": \"mid\", \"paths\": [\"m\"], \"require\": {\"provenance\": "
		"{\"allow_remediation\": false}}}]}",
     0, NULL, 0, 0},
    {VALID_HEAD
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approvals\": 1},\n"
     " \"require_when\": [{\"when\": {\"target_branch\": \"^(main|release/.*)$\",\n"
     " \"source_branch\": \"^hotfix/\", \"labels_any\": [\"security\", \"Needs Review\"],\n"
     " \"title\": \"(?i)revert\", \"author_in\": [\"@acme/contractors\", \"bob\"],\n"
     " \"min_changed_lines\": 200, \"min_changed_files\": 3, \"commit_message\": "
     "\"(?m)^BREAKING\"},\n"
     " \"require\": {\"approvals\": 2, \"reviewers\": [\"@acme/sec\"], \"codeowners\": "
     "true}},\n"
     " {\"when\": {\"min_changed_files\": 0}, \"require\": {\"tests\": \"changed\"}}]}]}",
     0, NULL, 0, 0},
    /* Conditions on one approval rule, on a leaf and on an any_of. */
    {VALID_HEAD
     "\"tiers\": [{\"name\": \"low\", \"require\": {\"approval_rules\": [\n"
     " {\"name\": \"security\", \"from\": [\"@acme/security\"]},\n"
     " {\"name\": \"payments\", \"from\": [\"@acme/payments\"], \"when\": "
     "{\"target_branch\": \"^release/\"}},\n"
     " {\"any_of\": [{\"count\": 2, \"from\": [\"@acme/maintainers\"], \"when\": "
     "{\"min_changed_lines\": 501, \"labels_any\": [\"big\"]}}], \"when\": {\"title\": "
     "\"x\", \"author_in\": [\"bob\"], \"commit_message\": \"y\", \"source_branch\": \"z\", "
     "\"min_changed_files\": 3}}]}}]}",
     0, NULL, 0, 0},
    /* Signatures: a signed review trailer needs no trusted committer. */
    {VALID_HEAD "\"review_trailers\": {\"require_signed\": true},\n"
		"\"tiers\": [{\"name\": \"low\", \"require\": {\"signed_commits\": true, "
		"\"provenance\": {\"require_signoff\": true, \"require_signed_signoff\": true}}}]}",
     0, NULL, 0, 0},
    {VALID_HEAD "\"review_trailers\": {\"require_signed\": true, \"trusted_committers\": "
		"[\"merge-bot@example.com\"]},\n"
		"\"tiers\": [{\"name\": \"low\", \"require\": {\"signed_commits\": false}}]}",
     0, NULL, 0, 0},
    {VALID_HEAD "\"on_deadline\": \"pass\", \"changes_requested\": \"owners\",\n"
		"\"tiers\": [{\"name\": \"low\", \"require\": {\"tests\": \"none\", \"max_files\": "
		"0, \"reviewers\": [\"a\"], \"reviewers_min\": 0}}]}",
     0, NULL, 0, 0},
    /* Warnings: a tier no path reaches, a pattern an earlier tier shadows,
     * observability without languages. */
    {VALID_HEAD "\"tiers\": [{\"name\": \"low\"}, {\"name\": \"mid\", \"paths\": []}]}", 1,
     "tier \"mid\" is unreachable: it has no paths and is not the default tier", 2, 28},
    {VALID_HEAD "\"tiers\": [{\"name\": \"high\", \"paths\": [\"a\"]},\n"
		"{\"name\": \"mid\", \"paths\": [\"b\", \"a\"]}, {\"name\": \"low\"}]}",
     1,
     "pattern can never match here: tier \"high\" (line 2) comes first with the same "
     "pattern",
     3, 32},
    {VALID_HEAD "\"tiers\": [{\"name\": \"low\", \"require\": {\"observability\": true}}]}", 1,
     "tier \"low\" requires observability, but the policy defines no languages", 2, 11},
};

/* Loads `len` bytes of `text` from an exact-size heap copy. */
static int load(gate_policy **out, const char *text, size_t len, gate_diags *diags, gate_error *err)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	if (!copy)
		abort();
	memcpy(copy, text, len);
	rc = gate_policy_load(out, copy, len, FILE_NAME, "test", diags, err);
	free(copy);
	return rc;
}

static void show_row(const char *kind, size_t i, const char *text)
{
	fprintf(stderr, "  in %s row %zu:\n%s\n", kind, i, text);
}

static void test_errors(void)
{
	size_t i, k;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		const error_row *r = &errors[i];
		gate_policy *p = (gate_policy *)1;
		gate_diags diags;
		gate_error err;
		const gate_diag *first = NULL;
		int failed = unit_current_failed, rc;

		unit_current_failed = 0;
		gate_diags_init(&diags);
		gate_error_init(&err);
		rc = load(&p, r->text, strlen(r->text), &diags, &err);
		CHECK(rc == -1);
		CHECK(p == NULL);
		gate_policy_free(rc == 0 ? p : NULL);
		CHECK(err.klass == GATE_ERR_POLICY);
		CHECK_STR(err.file, FILE_NAME);
		CHECK(strstr(err.message, r->message) != NULL);
		CHECK(err.line == r->line);
		CHECK(err.col == r->col);
		/* The diagnostics start with the same error. */
		for (k = 0; k < diags.count && !first; k++)
			if (!diags.items[k].warning)
				first = &diags.items[k];
		CHECK(first != NULL);
		if (first) {
			CHECK_STR(first->message, err.message);
			CHECK_STR(first->file, FILE_NAME);
			CHECK(first->line == r->line && first->col == r->col);
		}
		if (unit_current_failed) {
			fprintf(stderr, "  got %u:%u: %s\n  want %u:%u: %s\n", err.line, err.col,
				err.message, r->line, r->col, r->message);
			show_row("error", i, r->text);
		}
		unit_current_failed |= failed;
		gate_diags_dispose(&diags);
	}
}

static void test_valid(void)
{
	size_t i, k, nwarnings;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		const valid_row *r = &valid[i];
		gate_policy *p = NULL;
		gate_diags diags;
		gate_error err;
		const gate_diag *first = NULL;
		int failed = unit_current_failed;

		unit_current_failed = 0;
		gate_diags_init(&diags);
		gate_error_init(&err);
		CHECK(load(&p, r->text, strlen(r->text), &diags, &err) == 0);
		CHECK(p != NULL);
		for (k = 0, nwarnings = 0; k < diags.count; k++) {
			CHECK(diags.items[k].warning);
			if (diags.items[k].warning && !first)
				first = &diags.items[k];
			nwarnings += diags.items[k].warning != 0;
		}
		CHECK(nwarnings == r->nwarnings);
		if (r->message) {
			CHECK(first && strstr(first->message, r->message) != NULL);
			CHECK(first && first->line == r->line && first->col == r->col);
		}
		if (unit_current_failed) {
			fprintf(stderr, "  error: %s\n", err.message);
			for (k = 0; k < diags.count; k++)
				fprintf(stderr, "  diag %u:%u: %s\n", diags.items[k].line,
					diags.items[k].col, diags.items[k].message);
			show_row("valid", i, r->text);
		}
		unit_current_failed |= failed;
		gate_policy_free(p);
		gate_diags_dispose(&diags);
	}
}

/* The signature keys land in the policy: per tier, and for trailers. */
static void test_signature_keys(void)
{
	static const char text[] =
	    VALID_HEAD "\"review_trailers\": {\"require_signed\": true},\n"
		       "\"tiers\": [{\"name\": \"low\", \"require\": {\"signed_commits\": true, "
		       "\"provenance\": {\"require_signoff\": true, \"require_signed_signoff\": "
		       "true}}},\n"
		       "{\"name\": \"other\", \"paths\": [\"x\"]}]}";
	gate_policy *p = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(load(&p, text, strlen(text), NULL, &err) == 0);
	if (!p)
		return;
	CHECK(p->review_trailers && p->review_trailers_signed && p->ntrusted_committers == 0);
	CHECK(p->tiers[0].require.signed_commits || p->tiers[1].require.signed_commits);
	CHECK(!(p->tiers[0].require.signed_commits && p->tiers[1].require.signed_commits));
	CHECK(p->tiers[0].require.provenance.require_signed_signoff ||
	      p->tiers[1].require.provenance.require_signed_signoff);
	gate_policy_free(p);
}

/* Each problem is reported, not only the first: two errors, in the order
 * of the text. */
static void test_all_problems(void)
{
	static const char text[] = VALID_HEAD "\"allow_contributor\": 1,\n"
					      "\"tiers\": [{\"name\": \"low\", \"require\": "
					      "{\"max_files\": -1}}]}";
	gate_policy *p = NULL;
	gate_diags diags;
	gate_error err;

	gate_diags_init(&diags);
	gate_error_init(&err);
	CHECK(load(&p, text, strlen(text), &diags, &err) == -1);
	CHECK(diags.count == 2);
	if (diags.count == 2) {
		CHECK(diags.items[0].line == 2 && diags.items[0].col == 22);
		CHECK(diags.items[1].line == 3 && diags.items[1].col == 52);
		CHECK(strstr(diags.items[1].message, "\"max_files\"") != NULL);
	}
	CHECK(err.line == 2 && err.col == 22);
	gate_diags_dispose(&diags);
}

/* A policy over the size limit is refused before it is parsed. */
static void test_too_large(void)
{
	size_t len = (size_t)GATE_POLICY_MAX_SIZE + 1;
	char *text = malloc(len);
	gate_policy *p = NULL;
	gate_error err;

	if (!text)
		abort();
	memset(text, ' ', len);
	gate_error_init(&err);
	CHECK(gate_policy_load(&p, text, len, FILE_NAME, "test", NULL, &err) == -1);
	CHECK(p == NULL);
	CHECK(err.klass == GATE_ERR_POLICY);
	CHECK(strstr(err.message, "more than the limit") != NULL);
	CHECK(err.line == 1 && err.col == 1);
	free(text);
}

/* Without a diagnostics list the first error still comes back. */
static void test_no_diags(void)
{
	static const char text[] = VALID_HEAD "\"tiers\": [{\"name\": \"Low\"}]}";
	gate_policy *p = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(load(&p, text, strlen(text), NULL, &err) == -1);
	CHECK(strstr(err.message, "tier name \"Low\"") != NULL);
	CHECK(err.line == 2 && err.col == 20);
}

/* The built-in policy loads without a problem. */
static void test_builtin(void)
{
	gate_policy *p = NULL;
	gate_diags diags;
	gate_error err;
	size_t len;
	const char *text = gate_policy_builtin_text(&len);
	char hex[65], *copy;

	gate_diags_init(&diags);
	gate_error_init(&err);
	CHECK(load(&p, text, len, &diags, &err) == 0);
	CHECK(diags.count == 0);
	gate_policy_free(p);
	gate_diags_dispose(&diags);
	CHECK(gate_policy_load_builtin(&p, &err) == 0);
	/* Its SHA-256, worked out at build time, is the text's. */
	gate_sha256_hex(hex, text, len);
	CHECK(p && strcmp(p->sha256, hex) == 0 && strlen(hex) == 64);
	gate_policy_free(p);
	/* A copy at another address, its last byte changed, is hashed when
	 * loaded. */
	copy = malloc(len + 1);
	if (copy) {
		memcpy(copy, text, len + 1);
		copy[len - 1] = ' ';
		CHECK(load(&p, copy, len, NULL, &err) == 0);
		gate_sha256_hex(hex, copy, len);
		CHECK(p && strcmp(p->sha256, hex) == 0);
		gate_policy_free(p);
		free(copy);
	}
}

/* "codeowners": {"dialect": ...} requires code-owner approval in that
 * dialect; true keeps GitHub's. */
static void test_codeowners_dialect(void)
{
	static const struct {
		const char *value;
		int required;
		gate_codeowners_dialect dialect;
	} rows[] = {
	    {"true", 1, GATE_CODEOWNERS_GITHUB},
	    {"false", 0, GATE_CODEOWNERS_GITHUB},
	    {"{}", 1, GATE_CODEOWNERS_GITHUB},
	    {"{\"dialect\": \"github\"}", 1, GATE_CODEOWNERS_GITHUB},
	    {"{\"dialect\": \"gitlab\"}", 1, GATE_CODEOWNERS_GITLAB},
	};
	/* The dialect is one value for the one file: a tier that names none
	 * follows the others; two tiers that name different ones are refused. */
	static const struct {
		const char *high, *low;
		int ok;
		gate_codeowners_dialect dialect;
	} pairs[] = {
	    {"{\"dialect\": \"gitlab\"}", "true", 1, GATE_CODEOWNERS_GITLAB},
	    {"true", "{\"dialect\": \"gitlab\"}", 1, GATE_CODEOWNERS_GITLAB},
	    {"{\"dialect\": \"gitlab\"}", "{\"dialect\": \"gitlab\"}", 1, GATE_CODEOWNERS_GITLAB},
	    {"{\"dialect\": \"github\"}", "{}", 1, GATE_CODEOWNERS_GITHUB},
	    {"{\"dialect\": \"gitlab\"}", "{\"dialect\": \"github\"}", 0, GATE_CODEOWNERS_GITHUB},
	    {"{\"dialect\": \"github\"}", "{\"dialect\": \"gitlab\"}", 0, GATE_CODEOWNERS_GITHUB},
	};
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		gate_policy *p = NULL;
		gate_error err;

		gate_error_init(&err);
		snprintf(text, sizeof(text),
			 "{\"version\": 1, \"default_tier\": \"low\", \"tiers\": [{\"name\": "
			 "\"low\", \"require\": {\"codeowners\": %s}}]}",
			 rows[i].value);
		CHECK(load(&p, text, strlen(text), NULL, &err) == 0);
		CHECK(p && p->tiers[0].require.codeowners == rows[i].required);
		CHECK(p && p->codeowners_dialect == rows[i].dialect);
		gate_policy_free(p);
	}
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		gate_policy *p = NULL;
		gate_diags diags;
		gate_error err;
		int rc;

		gate_error_init(&err);
		gate_diags_init(&diags);
		snprintf(text, sizeof(text),
			 "{\"version\": 1, \"default_tier\": \"low\", \"tiers\": [\n"
			 "{\"name\": \"high\", \"paths\": [\"^a/\"], \"require\": "
			 "{\"codeowners\": %s}},\n"
			 "{\"name\": \"low\", \"require\": {\"codeowners\": %s}}]}",
			 pairs[i].high, pairs[i].low);
		rc = load(&p, text, strlen(text), &diags, &err);
		CHECK((rc == 0) == pairs[i].ok);
		if (pairs[i].ok) {
			CHECK(p && p->codeowners_dialect == pairs[i].dialect);
		} else {
			CHECK(diags.count == 1 && diags.items[0].line == 3 &&
			      strstr(diags.items[0].message, "tier \"low\" reads CODEOWNERS as") &&
			      strstr(diags.items[0].message, "but line 2 reads it as") &&
			      strstr(diags.items[0].message, "must name the same one"));
		}
		gate_policy_free(p);
		gate_diags_dispose(&diags);
	}
}

int main(void)
{
	GATE_RUN(test_errors);
	GATE_RUN(test_valid);
	GATE_RUN(test_signature_keys);
	GATE_RUN(test_all_problems);
	GATE_RUN(test_too_large);
	GATE_RUN(test_no_diags);
	GATE_RUN(test_builtin);
	GATE_RUN(test_codeowners_dialect);
	return GATE_UNIT_DONE("test_policy");
}
