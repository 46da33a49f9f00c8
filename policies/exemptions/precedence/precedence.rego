# METADATA
# title: Outcome precedence
# description: >-
#   The outcome by the order of precedence of the decision contract: applicability (not-required, then
#   ato-bound), then incomplete, then ground-not-met, then ready-for-decision. Each outcome's rule
#   excludes the ones before it, and incomplete is the default, so exactly one holds for any input.
package exemptions.precedence

import data.exemptions.applicability
import data.exemptions.completeness
import data.exemptions.grounds
import data.exemptions.request

# METADATA
# title: The deficiencies that make a request incomplete
# description: >-
#   A request that is not a mapping reports only that. On the exemption path, everything the request
#   lacks; off it, only what keeps the path from being told (an unknown agency, program or service, a
#   missing purchase date for an ATO service), since the rest presumes a path.
deficiencies := completeness.malformed if {
	count(completeness.malformed) > 0
} else := completeness.deficiencies if {
	exemption_path
} else := completeness.path_deficiencies if {
	count(completeness.path_deficiencies) > 0
} else := {path_undetermined}

# METADATA
# title: The path cannot be told
# description: >-
#   The agency's status in the registry is one the policy does not read, so it cannot say which path
#   applies; the request stays incomplete until the registry is corrected.
# custom:
#   kind: deficiency
#   code: path-undetermined
#   clauses:
#     - calnet.policy.applies
#     - cgen.policy.applies
path_undetermined := {
	"code": rego.metadata.rule().custom.code,
	"path": "/agency/code",
	"message": concat(" ", [
		"the agency's status in the registry does not tell whether an exemption, an ATO or neither",
		"applies; the policy maintainers must correct the registry entry before the request can be judged",
	]),
}

# METADATA
# title: No exemption needed
# custom:
#   kind: outcome
#   code: not-required
#   clauses:
#     - calnet.policy.applies
#     - calnet.procurements.conditions
#     - cgen.policy.applies
not_required := rego.metadata.rule().custom.code

# METADATA
# title: Bound to CALNET by an ATO
# description: No exemption path exists; the decision names the first date the agency may buy elsewhere.
# custom:
#   kind: outcome
#   code: ato-bound
#   clauses:
#     - calnet.policy.ato
#     - calnet.procurements.ato-term
ato_bound := rego.metadata.rule().custom.code

# METADATA
# title: Content missing or inconsistent
# custom:
#   kind: outcome
#   code: incomplete
#   clauses:
#     - calnet.agency.complete
#     - cgen.procedures.contents
incomplete := rego.metadata.rule().custom.code

# METADATA
# title: Complete, but no ground shown
# custom:
#   kind: outcome
#   code: ground-not-met
#   clauses:
#     - calnet.requests.grounds
#     - cgen.ground.functionality
ground_not_met := rego.metadata.rule().custom.code

# METADATA
# title: Complete, with at least one ground shown
# custom:
#   kind: outcome
#   code: ready-for-decision
#   clauses:
#     - calnet.requests.grounds
#     - calnet.requests.approval
#     - cgen.ground.functionality
#     - cgen.cdt.recommends
ready_for_decision := rego.metadata.rule().custom.code

# METADATA
# title: The outcome, by the order of precedence
# description: >-
#   The first outcome that applies wins. When nothing else can be told, the request is incomplete: the
#   policy never lets a request pass for want of a rule.
outcome := not_required if {
	count(applicability.reasons) > 0
} else := ato_bound if {
	applicability.ato_bound
} else := ground_not_met if {
	exemption_path
	count(deficiencies) == 0
	count(grounds.shown) == 0
} else := ready_for_decision if {
	exemption_path
	count(deficiencies) == 0
	count(grounds.shown) > 0
} else := incomplete

# METADATA
# title: The request is on the exemption path
# description: >-
#   A non-exempt agency of the Executive Branch, the program known, and the program applies: an exemption
#   is what is asked for, and the outcome is incomplete, ground-not-met or ready-for-decision. Local
#   agencies have no exemption path (their ATO binds them or not), and an agency the registry does not
#   know has none that can be told.
exemption_path if {
	count(applicability.reasons) == 0
	not applicability.ato_bound
	request.agency.status == "executive-branch"
	request.program != null
}

default approver := null

# METADATA
# title: Who decides a CALNET exemption
# custom:
#   kind: approver
#   code: calnet
#   clauses:
#     - calnet.requests.approval
approver := "Director, Department of Technology, with the Statewide Telecommunications and Network Division (STND)" if {
	exemption_path
	request.calnet
}

# METADATA
# title: Who decides a CGEN exemption
# custom:
#   kind: approver
#   code: cgen
#   clauses:
#     - cgen.cdt.recommends
approver := "CDT Chief Technology Officer, Office of Technology Services, on CDT's recommendation" if {
	exemption_path
	request.cgen
}
