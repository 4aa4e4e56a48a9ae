"""Period planning: trainers, requests, working-day calendars, the CP-SAT model, reasons and re-planning."""
