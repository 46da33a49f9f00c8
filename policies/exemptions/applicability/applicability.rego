# METADATA
# title: Applicability
# description: >-
#   Whether the program applies to the request at all, from the reference data: the agency's status, and
#   for each requested service whether it is mandatory (STMM 400.1) or in CGEN's wide-area network scope.
#   A request to which the program does not apply needs no exemption (outcome not-required).
package exemptions.applicability

import data.exemptions.request

service_catalog := data.reference.services

# METADATA
# title: Every requested service is in the catalog
# description: There is at least one service, and each names a catalog entry.
all_services_known if {
	count(request.services) > 0
	every service in request.services {
		service_catalog[service.service]
	}
}

# METADATA
# title: Requested mandatory services
mandatory_services contains id if {
	some id in request.service_ids
	service_catalog[id].mandatory == true
}

# METADATA
# title: Requested services that are not mandatory
non_mandatory_services contains id if {
	some id in request.service_ids
	service_catalog[id].mandatory == false
}

# METADATA
# title: Requested services in CGEN's scope
cgen_scope_services contains id if {
	some id in request.service_ids
	service_catalog[id].cgen_scope == true
}

# METADATA
# title: Requested services outside CGEN's scope
outside_cgen_scope_services contains id if {
	some id in request.service_ids
	service_catalog[id].cgen_scope == false
}

# METADATA
# title: Exempt agency
# description: >-
#   Colleges, community colleges, universities, agencies headed by constitutional officers, the State
#   Compensation Insurance Fund and the Lottery are not required to use either program.
# custom:
#   kind: reason
#   code: exempt-agency
#   clauses:
#     - calnet.policy.exempt-agencies
#     - calnet.procurements.exempt-agencies
#     - cgen.policy.not-required
reasons contains rego.metadata.rule().custom.code if request.agency.status == "exempt"

# METADATA
# title: Entity outside the State Executive Branch
# description: >-
#   Both mandates reach agencies of the State Executive Branch only; a legislative or judicial entity
#   needs no exemption from either.
# custom:
#   kind: reason
#   code: outside-program-scope
#   clauses:
#     - calnet.policy.executive-branch
#     - cgen.opening
#     - cgen.policy.wan
reasons contains rego.metadata.rule().custom.code if request.agency.status == "outside-executive-branch"

# METADATA
# title: Local government under CGEN
# description: CGEN is for State Executive Branch entities; a local government agency is outside its scope.
# custom:
#   kind: reason
#   code: outside-program-scope
#   clauses:
#     - calnet.policy.executive-branch
#     - cgen.opening
#     - cgen.policy.wan
reasons contains rego.metadata.rule().custom.code if {
	request.agency.status == "local-government"
	request.cgen
}

# METADATA
# title: No wide-area network service under CGEN
# description: >-
#   CGEN covers wide-area network services; a request in which no service is in CGEN's scope needs no
#   CGEN exemption (a CALNET exemption may still be needed for mandatory services).
# custom:
#   kind: reason
#   code: outside-program-scope
#   clauses:
#     - calnet.policy.executive-branch
#     - cgen.opening
#     - cgen.policy.wan
reasons contains rego.metadata.rule().custom.code if {
	request.agency.status == "executive-branch"
	request.cgen
	all_services_known
	count(cgen_scope_services) == 0
}

# METADATA
# title: Only non-mandatory services under CALNET
# description: >-
#   An Executive Branch agency must use the CALNET MSA for mandatory services only; when every requested
#   service is non-mandatory, no exemption is needed.
# custom:
#   kind: reason
#   code: non-mandatory-services
#   clauses:
#     - calnet.policy.mandatory-services
#     - calnet.procurements.non-mandatory
reasons contains rego.metadata.rule().custom.code if {
	request.agency.status == "executive-branch"
	request.calnet
	all_services_known
	count(mandatory_services) == 0
}
