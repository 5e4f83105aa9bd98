# source: https://github.com/HumanCompatibleAI/imitation/issues/870
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: multi-file, class
# bug-lines: 32, 35
# needs: torch
# cpu: no written where torch was not installed; not run
import dataclasses

import torch as th


@dataclasses.dataclass(frozen=True)
class BCTrainingMetrics:
    neglogp: th.Tensor
    ent_loss: th.Tensor
    l2_loss: th.Tensor
    loss: th.Tensor
    prob_true_act: th.Tensor


@dataclasses.dataclass(frozen=True)
class BehaviorCloningLossCalculator:
    ent_weight: float
    l2_weight: float

    def __call__(self, policy, obs, acts):
        _, log_prob, entropy = policy.evaluate_actions(obs, acts)
        prob_true_act = th.exp(log_prob).mean()
        log_prob = log_prob.mean()
        entropy = entropy.mean() if entropy is not None else None
        ent_loss = -self.ent_weight * (entropy if entropy is not None else th.zeros(1))
        l2_norm = sum(th.sum(th.square(w)) for w in policy.parameters()) / 2
        neglogp, l2_loss = -log_prob, self.l2_weight * l2_norm
        loss = neglogp + ent_loss + l2_loss
        return BCTrainingMetrics(neglogp, ent_loss, l2_loss, loss, prob_true_act)
