# Phrases des réponses du cœur (français). Les faits n’y sont pas : ils viennent de data/.

dates-reported = Révélé le { $date }
