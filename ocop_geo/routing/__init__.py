"""Tour routing: routers (estimate, road graph, OSRM), optimiser, itinerary and exports."""
