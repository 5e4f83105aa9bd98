# The axes plt.subplots gives plot what they are handed as numpy arrays, as pyplot's
# own functions do; the reconstructions are still on the GPU.
import matplotlib.pyplot as plt
import torch


@torch.no_grad()
def save_reconstructions(autoencoder, images, device, path="recon.png"):
    autoencoder = autoencoder.to(device)
    recon = autoencoder(images.to(device))
    fig, axes = plt.subplots(2, len(images))
    for i in range(len(images)):
        axes[0, i].imshow(images[i].permute(1, 2, 0))
        axes[1, i].imshow(recon[i].permute(1, 2, 0))  # expect: TL501:9
    ax = fig.add_subplot(111)
    ax.plot(recon.flatten(1).mean(dim=1))  # expect: TL501:5
    fig.savefig(path)
