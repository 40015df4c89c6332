"""Routing to the right channel: which authority handles an AMIF project (theme x region).

Data: routing/routes.yml (rules) and routing/catalogue.yml (the authorities and their cards).
"""

from actions.routing.table import (
    AuthorityCard,
    RouteDecision,
    RouteRule,
    RoutingConfigError,
    RoutingTable,
    default_routing,
    load_routing,
)

__all__ = [
    "AuthorityCard",
    "RouteDecision",
    "RouteRule",
    "RoutingConfigError",
    "RoutingTable",
    "default_routing",
    "load_routing",
]
