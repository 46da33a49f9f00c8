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
# description: A request that is not a mapping reports only that.
deficiencies := completeness.malformed if {
	count(completeness.malformed) > 0
} else := completeness.deficiencies

# The outcome when no other rule decides: a request on the exemption path with deficiencies is incomplete.
# METADATA
# title: Content missing or inconsistent
# custom:
#   kind: outcome
#   code: incomplete
#   citation:
#     calnet: >-
#       CALNET MSA policy, Responsibilities, Agency, second item (the request contains all the information
#       the policy and procedures call for)
#     cgen: CGEN policy, CGEN Exemption Procedures (the information a request must include)
default outcome := "incomplete"

# METADATA
# title: No exemption needed
# custom:
#   kind: outcome
#   code: not-required
#   citation:
#     calnet: >-
#       CALNET MSA policy, Policy (who must use the CALNET MSA) and Non-CALNET MSA Procurements, fourth item
#       (conditions for buying elsewhere)
#     cgen: CGEN policy, general policy (who must use CGEN, and for which services)
outcome := rego.metadata.rule().custom.code if count(applicability.reasons) > 0

# METADATA
# title: Bound to CALNET by an ATO
# description: No exemption path exists; the decision names the first date the agency may buy elsewhere.
# custom:
#   kind: outcome
#   code: ato-bound
#   citation: >-
#     CALNET MSA policy, Policy, third item (local agencies on an ATO); Non-CALNET MSA Procurements, fourth
#     item, second condition (after the two-year term, with 30 calendar days' notice)
outcome := rego.metadata.rule().custom.code if {
	count(applicability.reasons) == 0
	applicability.ato_bound
}

# METADATA
# title: Complete, but no ground shown
# custom:
#   kind: outcome
#   code: ground-not-met
#   citation:
#     calnet: >-
#       CALNET MSA policy, Exemption Requests (an exemption may be granted only on a ground the agency
#       demonstrates)
#     cgen: >-
#       CGEN policy, CGEN Exemption Requests, second paragraph (granted only for lack of features,
#       functionality or availability)
outcome := rego.metadata.rule().custom.code if {
	exemption_path
	count(deficiencies) == 0
	count(grounds.shown) == 0
}

# METADATA
# title: Complete, with at least one ground shown
# custom:
#   kind: outcome
#   code: ready-for-decision
#   citation:
#     calnet: >-
#       CALNET MSA policy, Exemption Requests, grounds and second paragraph (approval by the Director,
#       Department of Technology and STND)
#     cgen: >-
#       CGEN policy, CGEN Exemption Requests, second paragraph (ground) and CDT responsibilities, first item
#       (recommendation to the CDT Chief Technology Officer)
outcome := rego.metadata.rule().custom.code if {
	exemption_path
	count(deficiencies) == 0
	count(grounds.shown) > 0
}

# METADATA
# title: The request is on the exemption path
# description: >-
#   The program applies and no ATO binds the agency, so an exemption is what is asked for: the outcome is
#   incomplete, ground-not-met or ready-for-decision.
exemption_path if {
	count(applicability.reasons) == 0
	not applicability.ato_bound
}

default approver := null

# METADATA
# title: Who decides a CALNET exemption
# custom:
#   kind: approver
#   code: calnet
#   citation: >-
#     CALNET MSA policy, Exemption Requests, second paragraph (approval by the Director, Department of
#     Technology and STND)
approver := "Director, Department of Technology, with the Statewide Telecommunications and Network Division (STND)" if {
	exemption_path
	request.calnet
}

# METADATA
# title: Who decides a CGEN exemption
# custom:
#   kind: approver
#   code: cgen
#   citation: >-
#     CGEN policy, CDT responsibilities, first item (recommendation to the CDT Chief Technology Officer,
#     Office of Technology Services)
approver := "CDT Chief Technology Officer, Office of Technology Services, on CDT's recommendation" if {
	exemption_path
	request.cgen
}
