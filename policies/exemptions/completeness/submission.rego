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
		"message": "the request is not a mapping of fields; write it in the request format (format: 1)",
	}
}

# METADATA
# title: Request format 1
# description: The policy reads format 1 of the request; any other format cannot be judged.
# custom:
#   kind: deficiency
#   code: unsupported-format
#   clauses:
#     - calnet.agency.complete
#     - cgen.procedures.contents
deficiencies contains issue if {
	not input.request.format == 1
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/format",
		"message": "the request must declare format: 1, the request format this policy reads",
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
deficiencies contains issue if {
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
deficiencies contains issue if {
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
deficiencies contains issue if {
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
	not dates.is_date(request.field(["submitted", "on"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/on",
		"message": "submitted.on must be the date the request was submitted (YYYY-MM-DD)",
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
	dates.is_date(input.request.submitted.on)
	input.request.submitted.on > request.evaluation_date
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/submitted/on",
		"message": concat("", [
			"submitted.on (", input.request.submitted.on,
			") lies after the evaluation date (", request.evaluation_date, ")",
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
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/approvals",
		"message": concat(" ", [
			"a CGEN exemption request needs the approval of the Chief Information Officer (CIO) or",
			"equivalent: an approval with role cio, name and date",
		]),
	}
}

default _unknown_agency_message := "the request must name its agency by its code in the agency registry (agency.code)"

_unknown_agency_message := concat("", [
	"the agency code \"", input.request.agency.code,
	"\" is not in the agency registry; use the code the registry gives the agency",
]) if {
	is_string(input.request.agency.code)
}

# METADATA
# title: Roles of the approvals that count
# description: Approvals with a name and a date that is not after the evaluation date.
approving_roles contains approval.role if {
	is_array(input.request.approvals)
	some approval in input.request.approvals
	values.is_text(approval.name)
	dates.is_date(approval.date)
	not _after_evaluation(approval.date)
}

_after_evaluation(date) if date > request.evaluation_date
