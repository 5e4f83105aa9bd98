# source: https://github.com/seungwonpark/melgan/issues/70
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, loader-loop, helper
# bug-lines: 31
# needs: torch, tqdm
# cpu: no written where torch was not installed; not run
import torch
import tqdm


def adversarial_losses(disc_fake, disc_real, feat_match):
    loss_g, loss_d = 0.0, 0.0
    for (feats_fake, score_fake), (feats_real, score_real) in zip(disc_fake, disc_real):
        loss_g += torch.mean((score_fake - 1.0) ** 2)
        for feat_f, feat_r in zip(feats_fake, feats_real):
            loss_g += feat_match * torch.mean(torch.abs(feat_f - feat_r))
        loss_d += torch.mean((score_real - 1.0) ** 2) + torch.mean(score_fake ** 2)
    return loss_g, loss_d


@torch.no_grad()
def validate(hp, generator, discriminator, valloader, writer, step):
    generator.eval()
    discriminator.eval()
    torch.backends.cudnn.benchmark = False

    loss_g_sum, loss_d_sum = 0.0, 0.0
    for mel, audio in tqdm.tqdm(valloader, desc="Validation loop"):
        audio = audio.cuda()
        fake_audio = generator(mel)[:, :, :audio.size(2)]
        disc_fake = discriminator(fake_audio)
        disc_real = discriminator(audio)
        loss_g, loss_d = adversarial_losses(disc_fake, disc_real, hp.model.feat_match)
        loss_g_sum += loss_g.item()
        loss_d_sum += loss_d.item()

    writer.add_scalar("validation/loss_g", loss_g_sum / len(valloader), step)
    writer.add_scalar("validation/loss_d", loss_d_sum / len(valloader), step)
    writer.add_audio("validation/fake", fake_audio[0].cpu(), step, hp.audio.sampling_rate)

    torch.backends.cudnn.benchmark = True
    generator.train()
    discriminator.train()
