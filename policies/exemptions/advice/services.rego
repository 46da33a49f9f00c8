package exemptions.advice

import data.exemptions.applicability
import data.exemptions.precedence
import data.exemptions.request

# METADATA
# title: Non-mandatory services need no exemption
# custom:
#   kind: note
#   code: non-mandatory-services-included
#   clauses:
#     - calnet.policy.mandatory-services
#     - calnet.procurements.non-mandatory
notes contains note if {
	precedence.exemption_path
	request.calnet
	count(applicability.mandatory_services) > 0
	count(applicability.non_mandatory_services) > 0
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"these services are not mandatory and need no exemption: ",
			concat(", ", sort(applicability.non_mandatory_services)),
		]),
	}
}

# METADATA
# title: Services outside CGEN's scope need no CGEN exemption
# custom:
#   kind: note
#   code: services-outside-cgen-scope
#   clauses:
#     - cgen.policy.wan
notes contains note if {
	precedence.exemption_path
	request.cgen
	count(applicability.cgen_scope_services) > 0
	count(applicability.outside_cgen_scope_services) > 0
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat("", [
			"these services are not CGEN wide-area network services and need no CGEN exemption: ",
			concat(", ", sort(applicability.outside_cgen_scope_services)),
			"; the CALNET MSA policy still applies to them", _calnet_mandatory_outside_scope,
		]),
	}
}

# METADATA
# title: No vendor documentation attached
# custom:
#   kind: note
#   code: vendor-documentation-absent
#   clauses:
#     - calnet.procedures.vendor-documents
#     - cgen.procedures.vendor-documents
notes contains note if {
	precedence.exemption_path
	request.program != null
	not _vendor_documentation_attached
	note := {
		"code": rego.metadata.rule().custom.code,
		"message": concat(" ", [
			"no vendor documentation is attached; attach the provider's documentation if it is",
			"available (kind vendor-documentation)",
		]),
	}
}

_vendor_documentation_attached if some [_, "vendor-documentation"] in request.attached

default _calnet_mandatory_outside_scope := ""

_calnet_mandatory_outside_scope := concat("", [
	", and buying ", concat(", ", sort(mandatory)), " elsewhere needs a CALNET exemption (a request with program: calnet)",
]) if {
	mandatory := applicability.outside_cgen_scope_services & applicability.mandatory_services
	count(mandatory) > 0
}
