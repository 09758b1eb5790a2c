# Phrases des réponses du cœur (français). Les faits n’y sont pas : ils viennent de data/.
# Variables : $name un nom de pays, $date une date déjà mise en forme, $precision day | month | year.

## La ligne des dates sous une réponse
dates-reported = { $precision ->
    [day] rapporté le { $date }
   *[other] rapporté en { $date }
}
dates-unchanged = { $precision ->
    [day] aucun changement connu au { $date }
   *[other] aucun changement connu en { $date }
}
dates-checked = { $precision ->
    [day] sources vérifiées jusqu’au { $date }
   *[other] sources vérifiées jusqu’en { $date }
}
