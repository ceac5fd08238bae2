"""Who is who: actors and their ties as a graph, tables of names and ties, a drawing.

>>> from newscase import network, figures
>>> g = network.actor_graph()                 # an ActorGraph: actors and ties (to_networkx())
>>> network.neighbours("Badr")                # ids of the actors tied to Badr
>>> network.ties_table("Hashd al-Shaabi")     # From, Tie, To, Period, Note, Sources
>>> network.names_table()                     # other names, spellings, transliterations
>>> figures.show(network.network_figure())    # the article's actors and their ties

Importing this package loads no matplotlib (it loads when a drawing is first needed).
"""

from newscase.network.draw import network_figure
from newscase.network.graph import (
    PHRASES,
    actor_graph,
    article_actors,
    neighbours,
)
from newscase.network.tables import names_table, ties_table
from newscase.network.widget import NetworkExplorer, network_explorer

__all__ = [
    "PHRASES",
    "NetworkExplorer",
    "actor_graph",
    "article_actors",
    "names_table",
    "neighbours",
    "network_explorer",
    "network_figure",
    "ties_table",
]
