# CTC takes the lengths of the inputs and of the targets as integers: counting the
# frames of a float mask with `.sum()` gives floats, which ctc_loss refuses.
import torch
import torch.nn as nn
import torch.nn.functional as F


def frame_mask(lengths, total):
    return (torch.arange(total)[None, :] < lengths[:, None]).float()


def ctc_step(model, feats, feat_lens, targets, target_mask):
    log_probs = F.log_softmax(model(feats), dim=-1).transpose(0, 1)
    out_lens = frame_mask(feat_lens, feats.size(1)).sum(dim=1)
    return F.ctc_loss(log_probs, targets, out_lens, target_mask.sum(-1))  # expect: TL104:43 lines=9; TL104:53 lines=23


if __name__ == "__main__":
    model = nn.Linear(80, 30)
    ctc = nn.CTCLoss(blank=0)
    feats = torch.randn(2, 50, 80)
    targets = torch.randint(1, 30, (2, 12))
    mask = torch.ones(2, 12)
    print(ctc_step(model, feats, torch.tensor([50, 41]), targets, mask))
    log_probs = model(feats).log_softmax(-1).transpose(0, 1)
    print(ctc(log_probs, targets, torch.full((2,), 50), mask.sum(-1)))  # expect: TL104:57 lines=23
