import numpy as np

from .bench import main, synthetic_ratings


def test_synthetic_ratings_have_the_asked_shape_sorted_by_user_then_time():
    ratings = synthetic_ratings(n_users=50, n_movies=80, n_ratings=3000, seed=0)
    assert len(ratings) == 3000 and ratings.n_users == 50 and ratings.n_items == 80
    assert np.bincount(ratings.user).min() >= 20
    assert (np.diff(ratings.user) >= 0).all()
    same_user = ratings.user[1:] == ratings.user[:-1]
    assert (np.diff(ratings.rated_at)[same_user] > 0).all()
    assert set(np.unique(ratings.rating)) <= {x / 2 for x in range(1, 11)}
    # Skewed popularity: the top 10% of movies get far more than 10% of the ratings.
    counts = np.sort(np.bincount(ratings.item, minlength=80))[::-1]
    assert counts[:8].sum() > 0.25 * len(ratings)


def test_prints_throughput_figures(capsys):
    figures = main(
        ["--users", "100", "--movies", "200", "--ratings", "6000", "--steps", "20", "--batch-size", "64", "--no-record"]
    )
    assert figures["bench"] == "train-throughput" and figures["steps"] == 20
    assert figures["examplesPerSecond"] > 0 and figures["projectedEpochSeconds"] > 0 and figures["peakRssMb"] > 0
    assert '"bench": "train-throughput"' in capsys.readouterr().out
