# METADATA
# title: Completeness
# description: >-
#   What a request must contain that a schema cannot fully express, and the presence of everything the
#   policy reads (the policy never assumes the schema ran). Each deficiency names its code, a JSON
#   Pointer into the request and a plain-words message; any deficiency makes the outcome incomplete.
package exemptions.completeness

import data.exemptions.dates
import data.exemptions.request
import data.exemptions.values

# METADATA
# title: The request is not a mapping
# description: Nothing else can be read from it, so this is the only deficiency reported.
# custom:
#   kind: deficiency
#   code: request-not-an-object
#   clauses:
#     - calnet.agency.complete
#     - cgen.procedures.contents
malformed contains issue if {
	not is_object(object.get(input, "request", null))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "",
		"message": "the request is not a mapping of fields; write it in the request format (format: 2)",
	}
}

# METADATA
# title: Request format 2
# description: The policy reads format 2 of the request; any other format cannot be judged.
# custom:
#   kind: deficiency
#   code: unsupported-format
#   clauses:
#     - calnet.agency.complete
#     - cgen.procedures.contents
path_deficiencies contains issue if {
	not input.request.format == 2
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/format",
		"message": _format_message,
	}
}

# METADATA
# title: The program is CALNET or CGEN
# custom:
#   kind: deficiency
#   code: unknown-program
#   clauses:
#     - calnet.purpose
#     - cgen.opening
path_deficiencies contains issue if {
	request.program == null
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/program",
		"message": "program must be calnet (CALNET MSA) or cgen (CGEN wide-area network)",
	}
}

# METADATA
# title: The agency is in the registry
# description: The agency's status in the registry decides whether the program applies at all.
# custom:
#   kind: deficiency
#   code: unknown-agency
#   clauses:
#     - calnet.policy.applies
#     - cgen.policy.applies
path_deficiencies contains issue if {
	not request.agency
	issue := {"code": rego.metadata.rule().custom.code, "path": "/agency/code", "message": _unknown_agency_message}
}

# METADATA
# title: The evaluation date is a calendar date
# description: Timing rules (before purchasing, ATO term and notice) are judged as of the evaluation date.
# custom:
#   kind: deficiency
#   code: evaluation-date-invalid
#   clauses:
#     - calnet.requests.before-purchase
#     - calnet.procurements.renewal
#     - calnet.procurements.conditions
#     - cgen.requests.before-purchase
path_deficiencies contains issue if {
	not request.evaluation_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "",
		"message": concat(" ", [
			"the evaluation date given to the policy is not a calendar date (YYYY-MM-DD), so timing",
			"cannot be judged",
		]),
	}
}

# METADATA
# title: The submission is dated and signed
# description: A written request has a submission date (not after the evaluation date) and a submitter.
# custom:
#   kind: deficiency
#   code: submission-incomplete
#   clauses:
#     - calnet.requests.written
#     - calnet.procedures.submitter
#     - cgen.entity.submit
deficiencies contains issue if {
	not request.submission_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/date",
		"message": "submitted.date must be the date the request was submitted (YYYY-MM-DD)",
	}
}

# METADATA
# title: The submission is not dated after the evaluation
# custom:
#   kind: deficiency
#   code: submission-incomplete
#   clauses:
#     - calnet.requests.written
#     - calnet.procedures.submitter
#     - cgen.entity.submit
deficiencies contains issue if {
	request.submission_date > request.evaluation_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/date",
		"message": concat("", [
			"submitted.date (", request.submission_date, ") lies after the evaluation date (",
			request.evaluation_date, "): a request is judged once it has been submitted; correct the date",
		]),
	}
}

# METADATA
# title: The submitter is named
# custom:
#   kind: deficiency
#   code: submission-incomplete
#   clauses:
#     - calnet.requests.written
#     - calnet.procedures.submitter
#     - cgen.entity.submit
deficiencies contains issue if {
	not values.is_text(request.field(["submitted", "by", "name"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/by/name",
		"message": "submitted.by.name must name the person who submits the request",
	}
}

# METADATA
# title: CALNET requests come from the AIO, the CIO or an equivalent
# description: The submitter's role must be aio, cio or equivalent.
# custom:
#   kind: deficiency
#   code: submitter-not-authorized
#   clauses:
#     - calnet.requests.submitter
#     - calnet.agency.submitter
#     - calnet.procedures.submitter
deficiencies contains issue if {
	request.calnet
	not request.field(["submitted", "by", "role"]) in {"aio", "cio", "equivalent"}
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/by/role",
		"message": concat(" ", [
			"a CALNET exemption request must be submitted by the agency's AIO or CIO, or an equivalent",
			"(role aio, cio or equivalent)",
		]),
	}
}

# METADATA
# title: An equivalent states the designation that makes them one
# custom:
#   kind: deficiency
#   code: submitter-not-authorized
#   clauses:
#     - calnet.requests.submitter
#     - calnet.agency.submitter
#     - calnet.procedures.submitter
deficiencies contains issue if {
	request.calnet
	input.request.submitted.by.role == "equivalent"
	not values.is_text(request.field(["submitted", "by", "designation"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/by/designation",
		"message": concat(" ", [
			"a submitter acting as the AIO's or CIO's equivalent must state the designation",
			"(submitted.by.designation)",
		]),
	}
}

# METADATA
# title: CGEN requests carry the AIO's approval
# description: An approval with role aio, a name and a date not after the evaluation date.
# custom:
#   kind: deficiency
#   code: missing-aio-approval
#   clauses:
#     - cgen.requests.officers
#     - cgen.entity.aio-approval
deficiencies contains issue if {
	request.cgen
	not "aio" in approving_roles
	not "aio" in later_roles
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/approvals",
		"message": concat(" ", [
			"a CGEN exemption request needs the approval of the Agency Information Officer (AIO) or",
			"equivalent: an approval with role aio, name and date",
		]),
	}
}

# METADATA
# title: CGEN requests carry the CIO's approval
# description: An approval with role cio, a name and a date not after the evaluation date.
# custom:
#   kind: deficiency
#   code: missing-cio-approval
#   clauses:
#     - cgen.requests.officers
deficiencies contains issue if {
	request.cgen
	not "cio" in approving_roles
	not "cio" in later_roles
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/approvals",
		"message": concat(" ", [
			"a CGEN exemption request needs the approval of the Chief Information Officer (CIO) or",
			"equivalent: an approval with role cio, name and date",
		]),
	}
}

# METADATA
# title: CGEN approvals are dated on or before the evaluation
# description: >-
#   An approval dated after the evaluation date has not been given as of that date, so it does not count
#   yet; the message says which approval and when it will.
# custom:
#   kind: deficiency
#   code: approval-after-evaluation
#   clauses:
#     - cgen.requests.officers
#     - cgen.entity.aio-approval
deficiencies contains issue if {
	request.cgen
	some index, approval in _approvals
	_counted_shape(approval)
	_after_evaluation(approval.date)
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "approvals", format_int(index, 10), "date"]),
		"message": concat("", [
			"the ", upper(approval.role), " approval by ", approval.name, " is dated ", approval.date,
			", after the evaluation date (", request.evaluation_date, "), so it has not been given yet:",
			" correct the date if it is wrong, or have the request evaluated again on or after ", approval.date,
		]),
	}
}

default _approvals := []

_approvals := input.request.approvals if is_array(input.request.approvals)

_counted_shape(approval) if {
	approval.role in {"aio", "cio"}
	values.is_text(approval.name)
	dates.is_date(approval.date)
}

# METADATA
# title: Roles approved only with a date after the evaluation
later_roles contains approval.role if {
	some approval in _approvals
	_counted_shape(approval)
	_after_evaluation(approval.date)
}

# METADATA
# title: Roles of the approvals that count
# description: Approvals with a name and a date that is not after the evaluation date.
approving_roles contains approval.role if {
	some approval in _approvals
	_counted_shape(approval)
	not _after_evaluation(approval.date)
}

_after_evaluation(date) if date > request.evaluation_date

default _format_message := "the request must declare format: 2, the request format this policy reads"

_format_message := concat(" ", [
	"this request is written in format 1; the policy reads format 2: set format: 2, rename",
	"submitted.on to submitted.date, and add contract.purchase_date (the date the agency means to order)",
]) if {
	input.request.format == 1
}

default _unknown_agency_message := "the request must name its agency by its code in the agency registry (agency.code)"

_unknown_agency_message := concat("", [
	"the agency code \"", input.request.agency.code,
	"\" is not in the agency registry (policies/reference/agencies.json), so whether either program applies",
	" cannot be told: use the code the registry gives the agency, or, if the agency is not listed, ask",
	" the policy maintainers to add it with its status",
]) if {
	is_string(input.request.agency.code)
}
