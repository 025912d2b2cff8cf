from django.apps import AppConfig


class CurationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "curation"
    verbose_name = "Curation"

    def ready(self):
        from curation import models
        from curation.db import generation, lookups  # noqa: F401 (lookups registers __in_ids)

        generation.connect_invalidation(
            [
                models.Outlet,
                models.Source,
                models.Place,
                models.PlaceLink,
                models.PlaceAlias,
                models.Metric,
                models.Claim,
                models.Citation,
                models.Contradiction,
                models.Release,
            ]
        )
        generation.connect_m2m_invalidation([models.Place.part_of.through])
