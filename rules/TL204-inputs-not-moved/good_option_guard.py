# The same option moves the batches too: in the GPU run both are on the GPU, in the
# other both stay on the CPU.
import torch
import torch.nn as nn


class TagScorer(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.embed = nn.Embedding(vocab, 32)
        self.out = nn.Linear(32, 2)

    def forward(self, tokens):
        return self.out(self.embed(tokens).mean(1))


def batches(records, size):
    for start in range(0, len(records), size):
        chunk = records[start : start + size]
        yield torch.zeros(len(chunk), 16, dtype=torch.long)


def score(model, records, use_cuda):
    for tokens in batches(records, 32):
        if use_cuda:
            tokens = tokens.cuda()
        logits = model(tokens)
    return logits


def main(opts, records):
    model = TagScorer(5000)
    if opts.cuda:
        model.cuda()
    return score(model, records, opts.cuda)


class Trainer:
    # a method of the model that places it: the caller's model is placed by the call
    def __init__(self, opts):
        self.net = Placed(opts)
        self.net.setgpu()

    def step(self, images):
        if self.net.use_cuda:
            images = images.cuda(self.net.gpu)
        return self.net(images)


class Placed(nn.Module):
    def __init__(self, opts):
        super().__init__()
        self.gpu = opts.gpu
        self.use_cuda = opts.gpu >= 0 and torch.cuda.is_available()
        self.body = nn.Linear(8, 8)

    def setgpu(self):
        if self.use_cuda:
            self.cuda(self.gpu)

    def forward(self, x):
        return self.body(x)


def gan_step(discriminator, batches, cuda):
    # Tensor is the CUDA class in the GPU run: .type(Tensor) moves the batch there
    Tensor = torch.cuda.FloatTensor if cuda else torch.FloatTensor
    if cuda:
        discriminator.cuda()
    for real in batches:
        real_imgs = real.type(Tensor)
        discriminator(real_imgs)
