# source: https://github.com/scverse/scvi-tools/issues/431
# error: RuntimeError: Expected object of backend CUDA but got backend CPU for argument #2 'mat1'
# pattern: discarded-tensor-move
# shape: multi-file
# cpu: clean
# needs: torch, numpy
import numpy as np
from torch import nn

from jvae import JointVAE
from trainer import GeneDataset, JVAETrainer


def main():
    rng = np.random.default_rng(0)
    seq_data = GeneDataset(rng.poisson(2.0, size=(120, 40)))
    fish_data = GeneDataset(rng.poisson(5.0, size=(80, 25)))

    model = JointVAE(dims=[40, 25], n_latent=8)
    discriminator = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 2))

    trainer = JVAETrainer(model, discriminator, [seq_data, fish_data], use_cuda=True)
    trainer.train(n_epochs=2)
    print(trainer.get_discriminator_confusion())


if __name__ == "__main__":
    main()
