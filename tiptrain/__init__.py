"""tiptrain: plan, equip and record anti-trafficking training workshops."""
