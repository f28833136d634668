"""make stress: many tills on a real multi-worker Odoo, with faults.

The package drives the wallet of a point of sale the way a shop runs it:
Odoo with HTTP workers on the project's embedded PostgreSQL cluster, tills
that talk JSON-RPC as their cashiers, and faults injected while they work.

- ``records``: the tills' cashiers, points of sale and members (in the database)
- ``server``: Odoo with its workers, started and stopped
- ``till``: one simulated till, as pos_customer_wallet's POS JavaScript works
- ``faults``: a killed worker, a restarted PostgreSQL, an offline till, a slow one
- ``checks``: the invariants, read from the database after the run
- ``report``: the figures, printed and written as JSON
"""
