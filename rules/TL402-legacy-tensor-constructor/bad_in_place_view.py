# An in-place op on a view of a GPU tensor (`out[:, :, idx] /= w`) meets its operand
# where the view is: on the GPU of the signal the caller moved, through the padding
# and the convolution that keep it there.
import numpy as np
import torch
import torch.nn.functional as F


def overlap_add(frames, basis, window_sums, hop):
    out = F.conv_transpose1d(frames, basis, stride=hop)
    nonzero = torch.from_numpy(np.where(window_sums > 1e-11)[0])
    norm = torch.FloatTensor(window_sums)  # expect: TL402:12 lines=13
    out[:, :, nonzero] /= norm[nonzero]
    return out


def resynthesize(audio, basis, window_sums, device):
    frames = F.pad(audio.to(device).unsqueeze(1), (8, 8), mode="reflect")
    return overlap_add(frames, basis.to(device), window_sums, hop=4)
