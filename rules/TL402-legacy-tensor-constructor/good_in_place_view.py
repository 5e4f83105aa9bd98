import numpy as np
import torch
import torch.nn.functional as F


def overlap_add(frames, basis, window_sums, hop):
    out = F.conv_transpose1d(frames, basis, stride=hop)
    nonzero = torch.from_numpy(np.where(window_sums > 1e-11)[0]).to(out.device)
    norm = torch.tensor(window_sums, device=out.device)
    out[:, :, nonzero] /= norm[nonzero]
    return out


def resynthesize(audio, basis, window_sums, device):
    frames = F.pad(audio.to(device).unsqueeze(1), (8, 8), mode="reflect")
    return overlap_add(frames, basis.to(device), window_sums, hop=4)


def on_the_cpu(audio, basis, window_sums):
    # Everything stays on the CPU: the legacy constructor's tensor is where the rest is.
    frames = F.pad(audio.unsqueeze(1), (8, 8), mode="reflect")
    out = F.conv_transpose1d(frames, basis, stride=4)
    out[:, :, 0] /= torch.FloatTensor(window_sums)[0]
    return out
