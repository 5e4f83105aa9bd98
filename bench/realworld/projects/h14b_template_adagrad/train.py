# source: https://github.com/victoresque/pytorch-template/issues/82 https://github.com/victoresque/pytorch-template/pull/83
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: optimizer-state-before-placement
# shape: multi-file, class, loader-loop
# bug-lines: 41
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run

import torch
import torch.nn.functional as F
from torchvision import datasets, transforms

from model import DigitNet
from trainer import Trainer

CONFIG = {
    "name": "Mnist_Adagrad",
    "n_gpu": 1,
    "arch": {"type": "DigitNet", "args": {"num_classes": 10}},
    "optimizer": {"type": "Adagrad", "args": {"lr": 0.01, "initial_accumulator_value": 0.1}},
    "lr_scheduler": {"type": "StepLR", "args": {"step_size": 5, "gamma": 0.5}},
    "trainer": {"epochs": 10, "log_step": 100},
}


def init_obj(entry, module, *args, **kwargs):
    """Instantiate `module.<entry['type']>` with the args given in the config."""
    cls = getattr(module, entry["type"])
    return cls(*args, **entry["args"], **kwargs)


def main(config):
    tfm = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    train_set = datasets.MNIST("data/", train=True, download=True, transform=tfm)
    loader = torch.utils.data.DataLoader(train_set, batch_size=128, shuffle=True, num_workers=2)

    model = DigitNet(**config["arch"]["args"])
    print(model)

    trainable_params = filter(lambda p: p.requires_grad, model.parameters())
    optimizer = init_obj(config["optimizer"], torch.optim, trainable_params)
    lr_scheduler = init_obj(config["lr_scheduler"], torch.optim.lr_scheduler, optimizer)

    trainer = Trainer(model, F.nll_loss, optimizer, config=config,
                      data_loader=loader, lr_scheduler=lr_scheduler)
    trainer.train()


if __name__ == "__main__":
    main(CONFIG)
