import pytest
import torch

from crosstime.core.nn.pair_classifier import DistanceClassifier


def test_unit_distance_sees_descriptors_as_cosine_does():
    torch.manual_seed(0)
    c = DistanceClassifier(32, "unit")
    torch.nn.init.normal_(c.linear.weight)          # any weights, as training may leave them
    g1, g2 = torch.randn(5, 32), torch.randn(5, 32)
    # lengths do not matter (cosine ignores them) ...
    assert torch.allclose(c(g1, g2), c(3.0 * g1, 0.5 * g2), atol=1e-5)
    # ... and a pair never gets more likely by moving apart: each weight is positive
    u1 = torch.nn.functional.normalize(g1, dim=1)
    same = c(u1, u1)
    assert torch.all(same > c(g1, g2))
    assert torch.all(c(u1, u1) == c.linear.bias)


def test_paper_distance_is_a_free_linear_layer_on_the_l1_difference():
    torch.manual_seed(0)
    c = DistanceClassifier(8, "paper")
    g1, g2 = torch.randn(4, 8), torch.randn(4, 8)
    expected = (g1 - g2).abs() @ c.linear.weight[0] + c.linear.bias
    assert torch.allclose(c(g1, g2), expected, atol=1e-6)
    assert not torch.allclose(c(g1, g2), c(2 * g1, 2 * g2))


def test_an_unknown_distance_is_refused():
    with pytest.raises(ValueError, match="pair distance"):
        DistanceClassifier(8, "cosine")


@pytest.mark.parametrize("distance", ["unit", "paper"])
def test_every_pair_matrix_holds_the_logit_of_each_pair(distance):
    torch.manual_seed(0)
    c = DistanceClassifier(16, distance)
    torch.nn.init.normal_(c.linear.weight)
    g1, g2 = torch.randn(3, 16), torch.randn(5, 16)
    m = c.every_pair(g1, g2)
    assert m.shape == (3, 5)
    for i in range(3):
        assert torch.allclose(m[i], c(g1[i].expand(5, -1), g2), atol=1e-5)


def test_balanced_bce_weighs_positives_and_negatives_half_each():
    from crosstime.core.nn.pair_classifier import balanced_bce_loss, bce_loss
    logits = torch.tensor([[2.0, -1.0, 0.5], [0.3, -3.0, 1.0]])
    same = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    pos = bce_loss(logits[same == 1], same[same == 1])
    neg = bce_loss(logits[same == 0], same[same == 0])
    assert torch.allclose(balanced_bce_loss(logits, same), 0.5 * pos + 0.5 * neg)
    # four times as many negatives do not outweigh the positives
    assert not torch.allclose(bce_loss(logits, same), 0.5 * pos + 0.5 * neg)
