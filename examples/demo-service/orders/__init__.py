"""Order management: pricing, invoicing, reporting and stock sync for the shop backend."""
