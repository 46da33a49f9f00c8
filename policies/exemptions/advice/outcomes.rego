package exemptions.advice

import data.exemptions.applicability
import data.exemptions.grounds
import data.exemptions.precedence
import data.exemptions.request
import data.exemptions.values

# METADATA
# title: Help with alternative solutions
# custom:
#   kind: note
#   code: alternative-solutions
#   clauses:
#     - calnet.stnd.guidance
#     - cgen.entity.alternatives
#     - cgen.cdt.alternatives
notes contains note if {
	precedence.outcome == precedence.ground_not_met
	helper := {"calnet": "STND", "cgen": "CDT"}[request.program]
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [helper, " works with the agency on alternative solutions and advises on the policy"]),
	}
}

# METADATA
# title: Savings near the IPR threshold
# description: >-
#   The policy asks for savings of about 20%: savings in the band just below the threshold still show the
#   cost ground, and this note asks the reviewer to judge them.
# custom:
#   kind: note
#   code: ipr-savings-near-threshold
#   clauses:
#     - calnet.ground.ipr
#     - calnet.ground.ipr-network
notes contains note if {
	precedence.outcome == precedence.ready_for_decision
	grounds.near_threshold
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"the IPR savings of ", values.percent_text(grounds.savings_basis_points), " are just below the ",
			values.percent_text(data.reference.thresholds.ipr_savings_threshold_basis_points),
			" threshold the policy calls about 20%: the reviewer judges whether they are substantial",
		]),
	}
}

# METADATA
# title: When an ATO-bound agency may buy elsewhere
# custom:
#   kind: note
#   code: ato-notice-required
#   clauses:
#     - calnet.policy.ato
#     - calnet.procurements.ato-term
notes contains note if {
	precedence.outcome == precedence.ato_bound
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"the agency's ATO binds it to buy ", concat(", ", sort(applicability.bound_services)),
			" from the CALNET MSA until ", applicability.available_from,
			"; after the ATO term it may go elsewhere once it has given ",
			format_int(data.reference.thresholds.ato_notice_calendar_days, 10), " calendar days' notice",
		]),
	}
}

# METADATA
# title: A claimed ground that is not counted
# description: The request is ready on another ground; the reviewer sees why this one falls short.
# custom:
#   kind: note
#   code: ground-not-counted
#   clauses:
#     - calnet.requests.either-ground
#     - cgen.ground.functionality
notes contains note if {
	precedence.outcome == precedence.ready_for_decision
	some finding in grounds.findings
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", ["not counted (", finding.code, "): ", finding.message]),
	}
}

# METADATA
# title: State procurement rules apply even without an exemption
# custom:
#   kind: note
#   code: procurement-rules-apply
#   clauses:
#     - calnet.procurements.opening
notes contains note if {
	precedence.outcome == precedence.not_required
	request.agency.status in {"exempt", "executive-branch"}
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat(" ", [
			"no exemption is needed, but the purchase must still follow state procurement policies,",
			"guidelines and delegations",
		]),
	}
}
