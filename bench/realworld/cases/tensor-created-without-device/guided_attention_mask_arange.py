# source: https://github.com/mozilla/TTS/issues/473 https://github.com/mozilla/TTS/pull/549
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: class, helper, loader-loop
# bug-lines: 34
# cpu: clean
# needs: torch
import torch
from torch import nn


class GuidedAttentionLoss(nn.Module):
    def __init__(self, sigma=0.4):
        super().__init__()
        self.sigma = sigma

    def _make_ga_masks(self, ilens, olens):
        B = len(ilens)
        max_ilen = int(max(ilens))
        max_olen = int(max(olens))
        ga_masks = torch.zeros((B, max_olen, max_ilen), device=ilens.device)
        for idx, (ilen, olen) in enumerate(zip(ilens, olens)):
            ga_masks[idx, :olen, :ilen] = self._make_ga_mask(ilen, olen, self.sigma)
        return ga_masks

    def forward(self, att_ws, ilens, olens):
        ga_masks = self._make_ga_masks(ilens, olens)
        seq_masks = self._make_masks(ilens, olens)
        losses = ga_masks * att_ws
        return torch.mean(losses.masked_select(seq_masks))

    @staticmethod
    def _make_ga_mask(ilen, olen, sigma):
        grid_x, grid_y = torch.meshgrid(torch.arange(olen), torch.arange(ilen), indexing="ij")
        grid_x, grid_y = grid_x.float(), grid_y.float()
        return 1.0 - torch.exp(-((grid_y / ilen - grid_x / olen) ** 2) / (2 * (sigma ** 2)))

    @staticmethod
    def _make_masks(ilens, olens):
        in_masks = torch.arange(int(max(ilens)), device=ilens.device)[None, :] < ilens[:, None]
        out_masks = torch.arange(int(max(olens)), device=olens.device)[None, :] < olens[:, None]
        return out_masks.unsqueeze(-1) & in_masks.unsqueeze(-2)


if __name__ == "__main__":
    device = "cuda" if torch.cuda.is_available() else "cpu"
    criterion = GuidedAttentionLoss()
    batches = [(torch.tensor([7, 5]), torch.tensor([12, 9])) for _ in range(2)]
    for text_lengths, mel_lengths in batches:
        text_lengths, mel_lengths = text_lengths.to(device), mel_lengths.to(device)
        alignments = torch.softmax(torch.randn(2, 12, 7, device=device), dim=-1)
        print(criterion(alignments, text_lengths, mel_lengths).item())
