"""The project lifecycle: states, approvals, baselines, change requests, waivers, the trail.

The modules here are pure (values in, values out); `service` joins them to the store.
"""
