"""Class play over the network: the teacher's class server and the students' client.

The server (:mod:`game.net.server`) runs every table's authoritative session
(:mod:`game.net.classroom`); a client (:mod:`game.net.client`) receives only what its side
may see (:mod:`game.net.redact`), in the typed messages of :mod:`game.net.messages`.
"""
