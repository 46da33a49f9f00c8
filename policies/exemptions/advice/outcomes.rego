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
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [request.office, " works with the agency on alternative solutions and advises on the policy"]),
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
			" from the CALNET MSA; the earliest purchase date the ATO allows is ", applicability.available_from,
			", once the ATO term has ended and notice was given at least ",
			format_int(data.reference.thresholds.ato_notice_calendar_days, 10),
			" calendar days before the purchase; no exemption can be granted for these services",
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
	request.calnet
	request.agency.status in {"exempt", "executive-branch"}
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat(" ", [
			"no exemption is needed, but the purchase must still follow state procurement policies,",
			"guidelines and delegations",
		]),
	}
}

# METADATA
# title: The CALNET rules may still apply outside CGEN's scope
# description: >-
#   CGEN covers wide-area network services only; the same services may still be CALNET mandatory
#   services, for which the CALNET MSA policy has its own exemption.
# custom:
#   kind: note
#   code: calnet-rules-may-apply
#   clauses:
#     - cgen.policy.wan
#     - calnet.policy.mandatory-services
notes contains note if {
	precedence.outcome == precedence.not_required
	request.cgen
	request.agency.status == "executive-branch"
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"no CGEN exemption is needed because none of these services is a CGEN wide-area network service,",
			" but the CALNET MSA policy still applies to them: ", _calnet_consequence,
		]),
	}
}

# METADATA
# title: The renewed exemption was not checked against the record
# description: The evaluation had no record of granted exemptions; the reviewer checks the id.
# custom:
#   kind: note
#   code: renewal-unchecked
#   clauses:
#     - calnet.procurements.renewal
#     - calnet.agency.central-file
#     - cgen.entity.central-file
notes contains note if {
	precedence.exemption_path
	is_string(input.request.renews)
	not request.record
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"this evaluation had no record of granted exemptions, so it could not check that ",
			input.request.renews, " is one: the reviewer confirms it in the register",
		]),
	}
}

# METADATA
# title: An officer's equivalent acts for the AIO or CIO
# description: The policy reads the stated designation; the reviewer confirms that it makes them one.
# custom:
#   kind: note
#   code: officer-equivalent
#   clauses:
#     - calnet.requests.submitter
#     - calnet.procedures.submitter
#     - cgen.requests.officers
notes contains note if {
	precedence.exemption_path
	count(_equivalents) > 0
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			concat("; ", sort(_equivalents)),
			": the reviewer confirms that each stated designation makes them the officer's equivalent",
		]),
	}
}

_equivalents contains concat("", [by.name, " submits as the equivalent of the AIO or CIO (", by.designation, ")"]) if {
	request.calnet
	by := input.request.submitted.by
	by.role == "equivalent"
	values.is_text(by.name)
	values.is_text(by.designation)
}

_equivalents contains concat("", [
	approval.name, " approves as the ", upper(approval.role), "'s equivalent (", approval.equivalent_designation, ")",
]) if {
	request.cgen
	is_array(input.request.approvals)
	some approval in input.request.approvals
	approval.role in {"aio", "cio"}
	values.is_text(approval.name)
	values.is_text(approval.equivalent_designation)
}

default _calnet_consequence := "none of them is a CALNET mandatory service, so no CALNET exemption is needed either"

_calnet_consequence := concat("", [
	concat(", ", sort(applicability.mandatory_services)),
	" are CALNET mandatory services, so buying them elsewhere needs a CALNET exemption (a request with",
	" program: calnet)",
]) if {
	count(applicability.mandatory_services) > 0
}
