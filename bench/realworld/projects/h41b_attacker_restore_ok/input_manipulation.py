# source: https://github.com/MadryLab/robustness/issues/21
# error: RuntimeError: expected device cpu but got device cuda:0
# pattern: module-not-placed
# shape: multi-file, loader-loop, top-level
# looks-like: module-not-placed
# needs: torch, torchvision
# cpu: no written where torch was not installed; not run
import torch
import torchvision
import torchvision.transforms as T
from torchvision.utils import save_image

from model_utils import make_and_restore_model

ATTACK_EPS = 0.5
ATTACK_STEPSIZE = 0.1
ATTACK_STEPS = 20

if __name__ == "__main__":
    device = torch.device("cuda")
    model = make_and_restore_model("resnet18", resume_path="checkpoints/cifar_l2_0_5.pt",
                                   device=device)
    data = torchvision.datasets.CIFAR10("./data", train=False, download=True,
                                        transform=T.ToTensor())
    loader = torch.utils.data.DataLoader(data, batch_size=16, shuffle=True)
    attack_kwargs = {"eps": ATTACK_EPS, "step_size": ATTACK_STEPSIZE,
                     "iterations": ATTACK_STEPS, "targeted": True}
    for im, label in loader:
        im, label = im.to(device), label.to(device)
        targ = (label + 1) % 10
        logits, im_adv = model(im, targ, make_adv=True, **attack_kwargs)
        hit = (logits.argmax(1) == targ).float().mean().item()
        print(f"targeted success: {hit:.2f}")
        save_image(torch.cat([im, im_adv]), "input_manipulation.png", nrow=16)
        break
