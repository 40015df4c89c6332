"""Routing to the right channel: which authority handles an AMIF project (theme x region).

Data: routing/routes.yml (rules) and routing/authorities.yml (contact cards).
"""

from actions.routing.table import (
    AuthorityCard,
    ContactPerson,
    RouteDecision,
    RouteRule,
    RoutingConfigError,
    RoutingTable,
    default_routing,
    load_routing,
)

__all__ = [
    "AuthorityCard",
    "ContactPerson",
    "RouteDecision",
    "RouteRule",
    "RoutingConfigError",
    "RoutingTable",
    "default_routing",
    "load_routing",
]
