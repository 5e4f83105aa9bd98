# source: https://github.com/r9y9/tacotron_pytorch/issues/18
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, helper, loader-loop
# bug-lines: 39, 51, 54
# cpu: clean
# needs: torch
import sys
import tempfile

import torch
import torch.nn.functional as F
from torch import optim

from checkpoint import load_checkpoint, save_checkpoint
from model import Tacotron

use_cuda = torch.cuda.is_available()


def batches(n_batches=4, batch_size=4, n_vocab=40, mel_dim=20, linear_dim=65):
    for _ in range(n_batches):
        text = torch.randint(1, n_vocab, (batch_size, 30))
        mel = torch.randn(batch_size, 40, mel_dim)
        linear = torch.randn(batch_size, 40, linear_dim)
        yield text, mel, linear


def train(model, optimizer, global_step, checkpoint_dir, nepochs=2):
    model.train()
    for _ in range(nepochs):
        for text, mel, linear in batches():
            if use_cuda:
                text, mel, linear = text.cuda(), mel.cuda(), linear.cuda()
            optimizer.zero_grad()
            mel_outputs, linear_outputs = model(text, mel)
            loss = F.l1_loss(mel_outputs, mel) + F.l1_loss(linear_outputs, linear)
            loss.backward()
            optimizer.step()
            global_step += 1
    return save_checkpoint(model, optimizer, global_step, checkpoint_dir)


def main(checkpoint_path=None):
    checkpoint_dir = tempfile.mkdtemp()
    model = Tacotron(n_vocab=40)
    optimizer = optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), weight_decay=0.0)

    global_step = 0
    if checkpoint_path is not None:
        global_step = load_checkpoint(checkpoint_path, model, optimizer)

    if use_cuda:
        model = model.cuda()

    return train(model, optimizer, global_step, checkpoint_dir)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
