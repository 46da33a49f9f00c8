package exemptions.completeness

import data.exemptions.request
import data.exemptions.values

# METADATA
# title: A CALNET request names its project or acquisition
# custom:
#   kind: deficiency
#   code: project-missing
#   clauses:
#     - calnet.requests.project
deficiencies contains issue if {
	request.calnet
	not values.is_text(request.field(["project", "name"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/project/name",
		"message": "a CALNET request applies to one specific project or acquisition: name it in project.name",
	}
}

# METADATA
# title: The request says why the services are needed
# custom:
#   kind: deficiency
#   code: need-missing
#   clauses:
#     - calnet.requests.need
#     - calnet.agency.need
#     - cgen.entity.need
deficiencies contains issue if {
	not values.is_text(request.field(["need"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/need",
		"message": "need must explain why the services are needed",
	}
}

# METADATA
# title: A CALNET request explains the ramifications of an unmet need
# custom:
#   kind: deficiency
#   code: ramifications-missing
#   clauses:
#     - calnet.requests.ramifications
deficiencies contains issue if {
	request.calnet
	not values.is_text(request.field(["ramifications"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/ramifications",
		"message": "ramifications must explain what happens if the need is not met",
	}
}

# METADATA
# title: The request explains why the program's services fall short
# custom:
#   kind: deficiency
#   code: program-shortfall-missing
#   clauses:
#     - calnet.requests.why-not-calnet
#     - cgen.ground.functionality
#     - cgen.entity.need
deficiencies contains issue if {
	not values.is_text(request.field(["program_shortfall"]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/program_shortfall",
		"message": "program_shortfall must explain why the program's services would not meet the need",
	}
}

# METADATA
# title: The request states the kind of reason and explains it
# custom:
#   kind: deficiency
#   code: reason-missing
#   clauses:
#     - calnet.procedures.reason
#     - cgen.procedures.reason
deficiencies contains issue if {
	some field in ["kind", "explanation"]
	not values.is_text(request.field(["reason", field]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "reason", field]),
		"message": concat("", ["reason.", field, " is missing: state the kind of reason and explain it"]),
	}
}

# METADATA
# title: The kind of reason is one the program accepts
# description: CALNET accepts technical or financial reasons; CGEN technical or business reasons.
# custom:
#   kind: deficiency
#   code: reason-kind-not-allowed
#   clauses:
#     - calnet.procedures.reason
#     - cgen.procedures.reason
deficiencies contains issue if {
	kind := input.request.reason.kind
	values.is_text(kind)
	allowed := _reason_kinds[request.program]
	not kind in allowed
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/reason/kind",
		"message": concat("", [
			"reason.kind must be ", concat(" or ", sort(allowed)),
			" for a ", request.program, " request",
		]),
	}
}

_reason_kinds := {"calnet": {"technical", "financial"}, "cgen": {"technical", "business"}}
