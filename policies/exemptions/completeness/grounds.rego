package exemptions.completeness

import data.exemptions.request
import data.exemptions.values

grounds := input.request.grounds

# METADATA
# title: The request claims a ground
# description: At least one of functionality, cost_ipr (CALNET) or fsr (CALNET) is claimed.
# custom:
#   kind: deficiency
#   code: ground-missing
#   clauses:
#     - calnet.requests.grounds
#     - calnet.procedures.reason
#     - cgen.ground.functionality
deficiencies contains issue if {
	count(request.claimed) == 0
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds",
		"message": concat(" ", [
			"grounds must claim at least one ground for the exemption (functionality, or under CALNET",
			"cost_ipr or fsr)",
		]),
	}
}

# METADATA
# title: The functionality ground is a mapping
# custom:
#   kind: deficiency
#   code: functionality-incomplete
#   clauses:
#     - calnet.ground.functionality
#     - cgen.ground.functionality
deficiencies contains issue if {
	"functionality" in request.claimed
	not is_object(grounds.functionality)
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/functionality",
		"message": "grounds.functionality must list what is lacking and explain it",
	}
}

# METADATA
# title: The functionality ground says what is lacking
# description: What is lacking (features, functionality or availability), and an explanation.
# custom:
#   kind: deficiency
#   code: functionality-incomplete
#   clauses:
#     - calnet.ground.functionality
#     - cgen.ground.functionality
deficiencies contains issue if {
	"functionality" in request.claimed
	is_object(grounds.functionality)
	not _lacking_stated
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/functionality/lacking",
		"message": concat(" ", [
			"grounds.functionality.lacking must list what the program lacks: features, functionality or",
			"availability",
		]),
	}
}

# METADATA
# title: The functionality ground names only what the policy recognises
# custom:
#   kind: deficiency
#   code: functionality-incomplete
#   clauses:
#     - calnet.ground.functionality
#     - cgen.ground.functionality
deficiencies contains issue if {
	"functionality" in request.claimed
	some index, lacking in grounds.functionality.lacking
	not lacking in {"features", "functionality", "availability"}
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": concat("/", ["", "grounds", "functionality", "lacking", format_int(index, 10)]),
		"message": "each entry of grounds.functionality.lacking is features, functionality or availability",
	}
}

# METADATA
# title: The functionality ground is explained
# custom:
#   kind: deficiency
#   code: functionality-incomplete
#   clauses:
#     - calnet.ground.functionality
#     - cgen.ground.functionality
deficiencies contains issue if {
	"functionality" in request.claimed
	is_object(grounds.functionality)
	not values.is_text(values.at(grounds.functionality, "explanation"))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/grounds/functionality/explanation",
		"message": "grounds.functionality.explanation must explain why no program service meets the need",
	}
}

_lacking_stated if {
	is_array(grounds.functionality.lacking)
	count(grounds.functionality.lacking) > 0
}
