package exemptions.completeness

import data.exemptions.request
import data.exemptions.values

# METADATA
# title: The request lists the services it needs
# custom:
#   kind: deficiency
#   code: services-missing
#   clauses:
#     - calnet.procedures.services
#     - cgen.procedures.services
path_deficiencies contains issue if {
	count(request.services) == 0
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": "/services",
		"message": "services must list at least one service needed, with its quantity, type and location",
	}
}

# METADATA
# title: Each service is in the service catalog
# description: The catalog says whether a service is mandatory and whether it is in CGEN's scope.
# custom:
#   kind: deficiency
#   code: unknown-service
#   clauses:
#     - calnet.policy.mandatory-services
#     - cgen.policy.wan
path_deficiencies contains issue if {
	some index, service in request.services
	is_object(service)
	id := values.at(service, "service")
	not data.reference.services[id]
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": _service_path(index, "service"),
		"message": _unknown_service_message(id),
	}
}

# METADATA
# title: Each service is described
# custom:
#   kind: deficiency
#   code: service-detail-missing
#   clauses:
#     - calnet.procedures.services
#     - cgen.procedures.services
deficiencies contains issue if {
	some index, service in request.services
	not is_object(service)
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": _service_path(index, ""),
		"message": "each service is a mapping with service, type, quantity and location",
	}
}

# METADATA
# title: Each service states its type
# custom:
#   kind: deficiency
#   code: service-detail-missing
#   clauses:
#     - calnet.procedures.services
#     - cgen.procedures.services
deficiencies contains issue if {
	some index, service in request.services
	is_object(service)
	not values.is_text(values.at(service, "type"))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": _service_path(index, "type"),
		"message": "type must say what kind of service this is (for example Ethernet 1 Gbps)",
	}
}

# METADATA
# title: Each service states its quantity
# custom:
#   kind: deficiency
#   code: service-detail-missing
#   clauses:
#     - calnet.procedures.services
#     - cgen.procedures.services
deficiencies contains issue if {
	some index, service in request.services
	is_object(service)
	not values.is_count(values.at(service, "quantity"))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": _service_path(index, "quantity"),
		"message": "quantity must be a whole number of at least 1",
	}
}

# METADATA
# title: Each service states its location with street address
# custom:
#   kind: deficiency
#   code: service-detail-missing
#   clauses:
#     - calnet.procedures.services
#     - cgen.procedures.services
deficiencies contains issue if {
	some index, service in request.services
	is_object(service)
	some field in ["street", "city", "zip"]
	not values.is_text(values.at(service, ["location", field]))
	issue := {
		"code": rego.metadata.rule().custom.code,
		"path": _service_path(index, concat("/", ["location", field])),
		"message": concat("", ["location.", field, " is missing: give the service's street address"]),
	}
}

default _unknown_service_message(_) := "each service must name its id in the service catalog (service)"

_unknown_service_message(id) := concat("", ["the service \"", id, "\" is not in the service catalog"]) if {
	is_string(id)
}

_service_path(index, "") := concat("/", ["", "services", format_int(index, 10)])

_service_path(index, field) := concat("/", ["", "services", format_int(index, 10), field]) if field != ""
