# source: https://github.com/likyoo/Siam-NestedUNet/issues/40
# error: RuntimeError: indices should be either on cpu or on the same device as the indexed tensor (cpu)
# pattern: tensor-created-without-device
# shape: multi-file, helper, loader-loop
# needs: torch
# cpu: no written where torch was not installed; not run
from metrics import FocalLoss, dice_loss

__all__ = ["hybrid_loss"]

# gamma=0 turns the focal term into plain cross-entropy, as in the SNUNet-CD paper
_focal = FocalLoss(gamma=0)


def hybrid_loss(predictions, target, dice_weight=1.0):
    """Focal + dice summed over every deep-supervision output of the Siamese UNet++."""
    loss = 0
    for prediction in predictions:
        bce = _focal(prediction, target)
        dice = dice_loss(prediction, target)
        loss = loss + bce + dice_weight * dice
    return loss
