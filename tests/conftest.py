"""Settings shared by every test module."""

from hypothesis import HealthCheck, settings

# No test may depend on the machine's speed: a property run on a busy machine is as
# valid as on an idle one, so hypothesis neither times examples nor refuses slow data.
settings.register_profile(
    "powerbalance",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("powerbalance")
