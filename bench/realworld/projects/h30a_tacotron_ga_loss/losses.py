# source: https://github.com/mozilla/TTS/issues/491
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: cache-builder-cpu-default
# shape: multi-file, class, helper
# bug-lines: 23, 43
# needs: torch
# cpu: no written where torch was not installed; not run
import torch
import torch.nn as nn
import torch.nn.functional as F


class GuidedAttentionLoss(nn.Module):
    """Penalises attention weights far from the diagonal (Tachibana et al.)."""

    def __init__(self, sigma=0.4):
        super().__init__()
        self.sigma = sigma

    def _make_ga_masks(self, ilens, olens):
        B = len(ilens)
        max_ilen, max_olen = int(max(ilens)), int(max(olens))
        ga_masks = torch.zeros((B, max_olen, max_ilen))
        for idx, (ilen, olen) in enumerate(zip(ilens, olens)):
            ga_masks[idx, :olen, :ilen] = self._make_ga_mask(int(ilen), int(olen), self.sigma)
        return ga_masks

    @staticmethod
    def _make_ga_mask(ilen, olen, sigma):
        grid_x, grid_y = torch.meshgrid(torch.arange(olen), torch.arange(ilen), indexing="ij")
        grid_x, grid_y = grid_x.float(), grid_y.float()
        return 1.0 - torch.exp(-((grid_y / ilen - grid_x / olen) ** 2) / (2 * sigma ** 2))

    @staticmethod
    def _make_masks(ilens, olens):
        in_masks = torch.arange(int(max(ilens)), device=ilens.device)[None] < ilens[:, None]
        out_masks = torch.arange(int(max(olens)), device=olens.device)[None] < olens[:, None]
        return out_masks.unsqueeze(-1) & in_masks.unsqueeze(-2)

    def forward(self, att_ws, ilens, olens):
        ga_masks = self._make_ga_masks(ilens, olens)
        seq_masks = self._make_masks(ilens, olens)
        losses = ga_masks * att_ws
        return torch.mean(losses.masked_select(seq_masks))


class TacotronLoss(nn.Module):
    def __init__(self, ga_alpha=5.0):
        super().__init__()
        self.ga_alpha = ga_alpha
        self.criterion_ga = GuidedAttentionLoss(sigma=0.4)

    def forward(self, mel_out, postnet_out, mel_target, alignments, text_lengths, mel_lengths):
        loss = F.l1_loss(mel_out, mel_target) + F.l1_loss(postnet_out, mel_target)
        ga_loss = self.criterion_ga(alignments, text_lengths, mel_lengths)
        return {"loss": loss + self.ga_alpha * ga_loss, "ga_loss": ga_loss}
