package exemptions.completeness

import data.exemptions.dates
import data.exemptions.request
import data.exemptions.values

fsr := input.request.grounds.fsr

# METADATA
# title: The FSR path is claimed under CALNET
# description: The Feasibility Study Report path is a CALNET path; under CGEN it is not read (see grounds).
fsr_claimed if {
	request.calnet
	"fsr" in request.claimed
}

# METADATA
# title: The FSR path is a mapping
# custom:
#   kind: deficiency
#   code: fsr-incomplete
#   clauses:
#     - calnet.procurements.fsr
#     - calnet.agency.fsr-timing
deficiencies contains issue if {
	fsr_claimed
	not is_object(fsr)
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/fsr",
		"message": "grounds.fsr must give the FSR's number, document, dates, STND review and DOF coordination",
	}
}

# METADATA
# title: The FSR is identified
# custom:
#   kind: deficiency
#   code: fsr-incomplete
#   clauses:
#     - calnet.procurements.fsr
#     - calnet.agency.fsr-timing
deficiencies contains issue if {
	fsr_claimed
	is_object(fsr)
	some field in ["number", "document"]
	not values.is_text(values.at(fsr, field))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "grounds", "fsr", field]),
		"message": concat("", ["grounds.fsr.", field, " must identify the Feasibility Study Report"]),
	}
}

# METADATA
# title: The FSR's submission dates are given
# custom:
#   kind: deficiency
#   code: fsr-incomplete
#   clauses:
#     - calnet.procurements.fsr
#     - calnet.agency.fsr-timing
deficiencies contains issue if {
	fsr_claimed
	is_object(fsr)
	some field in ["submitted_to_stnd", "submitted_to_dof"]
	not dates.is_date(values.at(fsr, field))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "grounds", "fsr", field]),
		"message": concat("", ["grounds.fsr.", field, " must be the date the FSR was submitted (YYYY-MM-DD)"]),
	}
}

# METADATA
# title: The FSR's review and coordination are stated
# description: Whether STND reviewed it and whether DOF coordinated (true or false).
# custom:
#   kind: deficiency
#   code: fsr-incomplete
#   clauses:
#     - calnet.procurements.fsr
#     - calnet.agency.fsr-timing
deficiencies contains issue if {
	fsr_claimed
	is_object(fsr)
	some [step, flag] in [["stnd_review", "reviewed"], ["dof_coordination", "coordinated"]]
	not is_boolean(values.at(fsr, [step, flag]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "grounds", "fsr", step, flag]),
		"message": concat("", ["grounds.fsr.", step, ".", flag, " must say true or false"]),
	}
}

# METADATA
# title: A review or coordination that happened is dated
# custom:
#   kind: deficiency
#   code: fsr-incomplete
#   clauses:
#     - calnet.procurements.fsr
#     - calnet.agency.fsr-timing
deficiencies contains issue if {
	fsr_claimed
	some [step, flag] in [["stnd_review", "reviewed"], ["dof_coordination", "coordinated"]]
	fsr[step][flag] == true
	not dates.is_date(values.at(fsr, [step, "date"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "grounds", "fsr", step, "date"]),
		"message": concat("", ["grounds.fsr.", step, ".date must be the date it happened (YYYY-MM-DD)"]),
	}
}

# METADATA
# title: The FSR document is attached
# custom:
#   kind: deficiency
#   code: attachment-missing
#   clauses:
#     - calnet.procedures.attachments
#     - calnet.ground.ipr
#     - calnet.procurements.fsr
deficiencies contains issue if {
	fsr_claimed
	document := fsr.document
	values.is_text(document)
	not [document, "fsr"] in request.attached
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/fsr/document",
		"message": concat("", ["the FSR document ", document, " must be listed in attachments with kind fsr"]),
	}
}

# METADATA
# title: The FSR reached STND no later than DOF
# custom:
#   kind: deficiency
#   code: fsr-stnd-after-dof
#   clauses:
#     - calnet.agency.fsr-timing
deficiencies contains issue if {
	fsr_claimed
	dates.is_date(fsr.submitted_to_stnd)
	dates.is_date(fsr.submitted_to_dof)
	fsr.submitted_to_stnd > fsr.submitted_to_dof
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/fsr/submitted_to_stnd",
		"message": concat("", [
			"the FSR reached STND on ", fsr.submitted_to_stnd, ", after DOF (", fsr.submitted_to_dof,
			"): submit it to STND before or on the same day as to DOF",
		]),
	}
}
