# A library's model (a class torchlint does not know) is moved to the GPU and kept by
# a plain scorer object; the scorer hands it reference images it made on the CPU.
# Only a module is both moved and called, so the call needs its inputs on the GPU.
import lpips
import numpy as np
import torch


class PerceptualScorer:
    def __init__(self, metric, references):
        self.metric = metric
        self.references = torch.from_numpy(np.stack(references)).float()

    def score(self, images):
        return self.metric(images, self.references).mean()  # expect: TL204:36 lines=12,20


def evaluate(images, references):
    device = torch.device("cuda")
    metric = lpips.LPIPS(net="alex").to(device)
    scorer = PerceptualScorer(metric, references)
    return scorer.score(images.to(device))
